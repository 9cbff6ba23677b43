import type { outcomes as en } from "../en/outcomes";
import type { Translation } from "../types";

export const outcomes: Translation<typeof en> = {
  title: "Hasil",
  intro:
    "Apa yang diputuskan pertemuan, tindakan yang disepakati negara-negara, dan perkembangan masing-masing sejak itu.",
  overviewLink: "Semua hasil dan notulen",
  decisions: "Keputusan",
  agreedActions: "Tindakan yang disepakati",
  noDecisions: "Belum ada keputusan yang dicatat.",
  noAgreedActions: "Belum ada tindakan yang disepakati.",
  due: "Tenggat {{date}}",
  recordedBy: "Dicatat oleh {{name}}",
  kinds: { decision: "Keputusan", agreed_action: "Tindakan yang disepakati" },
  form: {
    heading: "Catat hasil",
    kind: "Jenis",
    text: "Teks",
    textHint:
      "Paling banyak {{decision}} karakter untuk keputusan, {{agreed}} untuk tindakan yang disepakati (menjadi kegiatan dalam butir tindakan).",
    dueOn: "Tenggat",
    dueOnHint: "Untuk tindakan yang disepakati: kapan negara-negara harus menyelesaikannya.",
    record: "Catat hasil",
    assignNow: "Tugaskan ke negara sekarang (hanya tindakan yang disepakati)",
    assignNowHint:
      "Opsional. Setiap negara yang dicentang mendapat butir tindakan dalam rencana aksinya yang berlaku, dengan tenggat tanggal di atas, pada langkah yang sama; Anda juga dapat menugaskannya nanti.",
    editLabel: "Ubah hasil ini",
    save: "Simpan perubahan",
    delete: "Hapus hasil",
    confirmDelete: "Hapus hasil ini? Butir yang dimasukkannya ke rencana negara dan belum dikerjakan juga dikeluarkan.",
    deleteHint:
      "Menghapus tindakan yang disepakati juga mengeluarkan butirnya dari rencana negara, kecuali jika suatu negara sudah mulai mengerjakannya.",
  },
  assign: {
    open: "Tugaskan ke negara",
    countries: "Negara",
    dueOn: "Tenggat bagi negara",
    hint: "Setiap negara mendapat butir tindakan dalam rencana aksinya yang berlaku (yang mencakup tahun tenggat, atau tahun ini), dengan lokakarya ini sebagai sumbernya. Berlaku juga untuk rencana yang sudah disahkan: butir ditambahkan dan ditandai berasal dari lokakarya ini.",
    submit: "Tugaskan",
    allAssigned: "Semua Negara Anggota sudah ditugaskan.",
  },
  becameOf: "Perkembangannya",
  notAssigned: "Belum ditugaskan ke negara mana pun.",
  table: {
    country: "Negara",
    plan: "Rencana aksi",
    due: "Tenggat",
    status: "Status",
    progress: "Kemajuan",
    milestone: "Tonggak",
    manage: "Kelola",
  },
  overdue: "Terlambat",
  removedFromPlan: "Dikeluarkan dari rencana oleh negara",
  notVisible: "Tidak dapat Anda lihat",
  noMilestone: "Tanpa tonggak",
  linkMilestone: "Tautkan",
  milestoneFor: "Tonggak untuk {{country}}",
  remove: "Hapus {{country}}",
  confirmRemove:
    "Hapus {{country}} dari tindakan yang disepakati ini? Butirnya dikeluarkan dari rencananya jika belum dikerjakan.",
  removeShort: "Hapus",
  minutes: {
    heading: "Notulen",
    intro: "Ditulis bersama oleh fasilitator selama pertemuan berlangsung; peserta lain membacanya secara langsung.",
    label: "Notulen lokakarya",
    empty: "Belum ada notulen.",
    readOnly: "Anda dapat membaca notulen saat ditulis; fasilitator lokakarya yang menulisnya.",
    notStarted: "Fasilitator belum mulai menulis notulen.",
    notStartedManager: "Belum ada yang mulai menulis notulen. Mulailah saat pertemuan dimulai.",
    start: "Mulai notulen",
  },
  toasts: {
    recorded: "Hasil telah dicatat.",
    saved: "Hasil telah disimpan.",
    deleted: "Hasil telah dihapus.",
    assigned: "Ditambahkan sebagai butir tindakan ke rencana {{countries}}.",
    alreadyAssigned: "Sudah ditugaskan, dibiarkan seperti semula: {{countries}}.",
    endorsed: "Rencana yang sudah disahkan (butir ditandai berasal dari lokakarya ini): {{countries}}.",
    nothingAssigned: "Tidak ada yang dilakukan: semua negara yang Anda pilih sudah ditugaskan.",
    unassigned: "{{country}} tidak lagi ditugaskan; butirnya yang belum dikerjakan telah dikeluarkan dari rencananya.",
    milestoneLinked: "Tautan tonggak telah disimpan.",
    minutesStarted: "Notulen siap ditulis.",
  },
  errors: {
    dueBeforeWorkshop: "Tenggat tidak boleh sebelum lokakarya dimulai.",
    dueRequired: "Isi tanggal paling lambat negara-negara harus menyelesaikannya.",
    chooseCountry: "Pilih setidaknya satu negara.",
    noPlan:
      "Tidak ada rencana aksi yang berlaku untuk: {{countries}}. Tidak ada yang ditugaskan; buat rencananya dulu (Rencana aksi → Rencana baru) atau pilih tenggat lain.",
    itemStarted:
      "Sudah mulai dikerjakan oleh: {{countries}}. Kemajuannya kini milik rencana mereka; penyunting mereka dapat menghapus butir itu di sana jika perlu.",
    kindAssigned:
      "Tindakan yang disepakati ini sudah ditugaskan ke negara; hapus negara-negaranya dulu sebelum menjadikannya keputusan.",
    onlyAgreedActions: "Hanya tindakan yang disepakati yang dapat ditugaskan ke negara.",
    noItem: "Tidak ada butir tindakan untuk ditautkan: negara telah mengeluarkannya dari rencananya.",
  },
};
