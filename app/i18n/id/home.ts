import type { home as en } from "../en/home";
import type { Translation } from "../types";

export const home: Translation<typeof en> = {
  title: "Yang perlu dikerjakan",
  titleIn: "Yang perlu dikerjakan di {{country}}",
  lead: "Butir aksi dan tonggak capaian yang lewat tenggat atau jatuh tempo paling lambat {{until}}, serta tonggak capaian yang terhambat. Perbarui di sini.",
  fullDashboard: "Dasbor lengkap",
  myItems: {
    heading: "Butir aksi saya",
    none: "Tidak ada butir aksi terbuka atas nama Anda. Pemilik butir ditetapkan di halaman ubahnya.",
  },
  items: {
    heading: "Butir aksi lewat tenggat atau segera jatuh tempo",
    none: "Tidak ada butir aksi yang lewat tenggat atau jatuh tempo paling lambat {{until}}.",
    due: "Jatuh tempo {{date}}",
    noDue: "Tanpa tanggal jatuh tempo",
    owner: "Pemilik: {{name}}",
    noOwner: "Belum ada pemilik",
    plan: "Rencana: {{plan}}",
    readOnly: "Rencana ini sudah disahkan: butirnya hanya dapat dibaca sampai Sekretariat membukanya kembali.",
  },
  milestones: {
    heading: "Tonggak capaian lewat tenggat, segera jatuh tempo, atau terhambat",
    none: "Tidak ada tonggak capaian yang lewat tenggat, jatuh tempo paling lambat {{until}}, atau terhambat.",
    target: "Target {{date}}",
    noTarget: "Tanpa tanggal target",
    countryLevel: "Tingkat negara",
  },
  update: {
    open: "Perbarui",
    status: "Status",
    progress: "Kemajuan (%)",
    progressNote: "Catatan kemajuan",
    comment: "Komentar (opsional)",
    save: "Simpan pembaruan",
    itemSaved: "Butir aksi diperbarui.",
    milestoneSaved: "Tonggak capaian diperbarui.",
  },
  changes: {
    heading: "Berubah sejak kunjungan terakhir Anda",
    since: "Sejak {{date}}, oleh orang lain.",
    firstVisit: "Dalam dua minggu terakhir, oleh orang lain.",
    none: "Belum ada yang baru dari orang lain sejak itu.",
    more: "{{shown}} terbaru dari {{total}} perubahan. Semua perubahan ada di dasbor dan di riwayat setiap catatan.",
  },
};
