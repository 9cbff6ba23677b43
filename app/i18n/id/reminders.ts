import type { reminders as en } from "../en/reminders";
import type { Translation } from "../types";

export const reminders: Translation<typeof en> = {
  nav: "Aturan pengingat",
  title: "Aturan pengingat",
  intro:
    "Pengingat yang diterima negara-negara ketika pekerjaan mereka terhenti atau suatu tanggal mendekat, dan siapa yang diberi tahu ketika sesuatu tetap terlambat. Setiap orang menerimanya sesuai pilihannya: surel seketika, dalam ringkasan mingguan, atau hanya di aplikasi. Setiap catatan diingatkan sekali per aturan, tidak setiap hari.",
  on: "Aktif",
  off: "Nonaktif",
  state: "Aturan",
  saved: "Aturan disimpan. Pengingat yang dihasilkannya sekarang sedang dikirim.",
  lastSaved: "Terakhir diubah oleh {{name}} pada {{date}}.",
  rules: {
    stalled: {
      heading: "Pekerjaan yang tidak bergerak",
      text: "Butir tindakan yang belum selesai, atau tonggak capaian yang sedang berjalan atau terhambat, yang tidak diubah siapa pun selama jumlah minggu di bawah ini. Narahubung dan gugus tugas negaranya diingatkan.",
      amount: "Minggu tanpa perubahan",
    },
    plan_since_meeting: {
      heading: "Rencana yang tidak diperbarui sejak pertemuan terakhir",
      text: "Rencana untuk tahun ini yang narasi dan butir tindakannya tidak berubah sejak pertemuan terakhir berakhir. Narahubung dan gugus tugas negaranya diingatkan sekali per pertemuan.",
      meetingOn: "Pertemuan terakhir berakhir pada",
      meetingHint:
        "Biarkan kosong untuk memakai akhir pertemuan regional terakhir di antara lokakarya ({{date}}). Isi tanggal jika pertemuan terakhir tidak ada di FocalPoint.",
      meetingHintNone:
        "Biarkan kosong untuk memakai akhir pertemuan regional terakhir di antara lokakarya (belum ada yang diadakan). Isi tanggal jika pertemuan terakhir tidak ada di FocalPoint.",
    },
    target_soon: {
      heading: "Tanggal yang mendekat",
      text: "Butir tindakan atau tonggak capaian yang tenggat atau tanggal targetnya dalam jumlah hari di bawah ini. Narahubung dan gugus tugas negaranya diingatkan sekali per tanggal.",
      amount: "Hari sebelum tanggal",
    },
    overdue_escalation: {
      heading: "Eskalasi hal yang tetap terlambat",
      text: "Butir tindakan atau tonggak capaian yang masih terlambat sekian hari setelah tanggalnya diteruskan ke narahubung negaranya; jika masih terlambat sekian hari lagi, ke Sekretariat ASEAN. Sekali untuk setiap tingkat, tidak setiap hari.",
      amount: "Hari terlambat sebelum narahubung diberi tahu",
      further: "Hari tambahan sebelum Sekretariat diberi tahu",
    },
  },
  form: {
    meetingInFuture: "Pertemuan terakhir tidak boleh setelah hari ini.",
  },
  notices: {
    stalled_item:
      "Butir tindakan “{{activity}}” ({{plan}}) tidak berubah selama {{weeks}} minggu (perubahan terakhir {{since}}).",
    stalled_milestone:
      "Tonggak capaian {{milestone}} ({{country}}) tidak berubah selama {{weeks}} minggu (perubahan terakhir {{since}}).",
    target_soon_item: "Butir tindakan “{{activity}}” ({{plan}}) jatuh tempo pada {{date}}.",
    target_soon_milestone: "Tanggal target tonggak capaian {{milestone}} ({{country}}) adalah {{date}}.",
    plan_since_meeting: "Rencana {{country}} “{{plan}}” belum diperbarui sejak pertemuan terakhir ({{date}}).",
    overdue_focal_points_item:
      "Masih terlambat: butir tindakan “{{activity}}” ({{plan}}) jatuh tempo pada {{date}}. Mohon perbarui atau sepakati tanggal baru.",
    overdue_focal_points_milestone:
      "Masih terlambat: tanggal target tonggak capaian {{milestone}} ({{country}}) adalah {{date}}. Mohon perbarui atau sepakati tanggal baru.",
    overdue_secretariat_item:
      "Dieskalasi: butir tindakan {{country}} “{{activity}}” ({{plan}}) masih terlambat sejak {{date}}.",
    overdue_secretariat_milestone:
      "Dieskalasi: tonggak capaian {{country}} {{milestone}} masih terlambat sejak {{date}}.",
  },
};
