import type { notifications as en } from "../en/notifications";
import type { Translation } from "../types";

export const notifications: Translation<typeof en> = {
  nav: "Notifikasi",
  unreadCount: "{{count}} belum dibaca",
  title: "Notifikasi",
  intro:
    "Hal yang ditujukan kepada Anda: butir yang diserahkan kepada Anda, komentar pada tonggak capaian negara Anda, tindakan yang disepakati untuk negara Anda, rencana yang diajukan untuk ditinjau, serta pengingat dari aturan Sekretariat.",
  unreadHeading: "{{count}} belum dibaca",
  allRead: "Semua sudah dibaca.",
  empty: "Belum ada notifikasi. Di sini Anda akan menemukan hal yang ditujukan orang lain kepada Anda.",
  unread: "Belum dibaca",
  open: "Buka",
  markRead: "Tandai sudah dibaca",
  markAllRead: "Tandai semua sudah dibaca",
  markedRead: "Ditandai sudah dibaca.",
  allMarkedRead: "Semua notifikasi ditandai sudah dibaca.",
  snoozedHeading: "Ditunda",
  snoozedUntil: "Kembali pada {{date}}",
  messages: {
    item_assigned: "{{actor}} menjadikan Anda penanggung jawab butir tindakan “{{activity}}” ({{plan}}).",
    milestone_comment: "{{actor}} mengomentari tonggak capaian {{milestone}}: “{{excerpt}}”",
    agreed_action:
      "{{actor}} memberikan kepada negara Anda tindakan yang disepakati dalam {{workshop}}: “{{activity}}” ({{plan}}).",
    plan_submitted: "{{actor}} mengajukan rencana {{country}} “{{plan}}” untuk ditinjau.",
    plan_returned: "{{actor}} mengembalikan rencana “{{plan}}” dengan catatan: “{{excerpt}}”",
    minutes_circulated: "{{actor}} mengedarkan notulen {{workshop}} untuk Anda baca sebelum disahkan.",
  },
  steps: {
    done: "Tandai selesai",
    progress: "Perbarui kemajuan",
    snooze: "Tunda 1 minggu",
  },
  step: {
    doneTitle: "Tandai butir tindakan ini selesai?",
    doneIntro: "Statusnya menjadi selesai dan kemajuannya 100%.",
    doneConfirm: "Ya, tandai selesai",
    doneSaved: "Butir tindakan ditandai selesai.",
    alreadyDone: "Butir tindakan ini sudah selesai.",
    progressTitle: "Perbarui kemajuan butir tindakan ini",
    progressSaved: "Kemajuan disimpan.",
    snoozeTitle: "Tunda notifikasi ini selama seminggu?",
    snoozeIntro: "Notifikasi keluar dari daftar dan hitungan Anda sampai {{date}}, lalu kembali sebagai belum dibaca.",
    snoozeConfirm: "Tunda sampai {{date}}",
    snoozed: "Ditunda sampai {{date}}.",
    readOnly: "Anda tidak dapat mengubah butir tindakan ini: rencananya sudah disahkan atau bukan milik negara Anda.",
    gone: "Butir tindakan ini sudah tidak ada.",
    item: "Butir tindakan",
    cancel: "Kembali ke notifikasi",
  },
  choice: {
    label: "Notifikasi lewat e-mail",
    hint: "Butir yang diserahkan kepada Anda, komentar pada tonggak capaian negara Anda, tindakan yang disepakati untuk negara Anda, rencana untuk Anda tinjau.",
    immediate: "Satu e-mail untuk masing-masing, segera",
    digest: "Hanya dalam ringkasan mingguan",
    none: "Tanpa e-mail (tetap ada di aplikasi)",
  },
  email: {
    subject: "FocalPoint: {{message}}",
    open: "Buka",
    why: "Anda menerima e-mail ini karena ditujukan kepada Anda di FocalPoint. Cara notifikasi sampai kepada Anda dapat dipilih di halaman akun Anda.",
    unsubscribe: "Untuk menghentikan e-mail ini: {{link}}",
    inDigest: "Notifikasi untuk Anda ({{count}}):",
  },
  unsubscribe: {
    title: "Hentikan e-mail notifikasi",
    intro:
      "Notifikasi tidak akan lagi dikirim lewat e-mail ke {{email}}; notifikasi tetap ada di aplikasi. Anda dapat menyalakannya kembali dari halaman akun Anda.",
    submit: "Hentikan e-mail ini",
    done: "Notifikasi tidak lagi dikirim lewat e-mail ke {{email}}.",
    alreadyOff: "Notifikasi memang tidak dikirim lewat e-mail ke {{email}}.",
  },
};
