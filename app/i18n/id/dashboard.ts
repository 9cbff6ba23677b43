import type { dashboard as en } from "../en/dashboard";
import type { Translation } from "../types";

export const dashboard: Translation<typeof en> = {
  title: "Dasbor",
  greeting: "Selamat datang, {{name}}",
  scopeAll: "Kesepuluh Negara Anggota ASEAN",
  scopeSome: "Negara Anda: {{countries}}",
  scopeNone: "Anda belum mengikuti rencana negara mana pun; lokakarya dan direktori terbuka untuk Anda.",
  progressHeading: "Kemajuan per negara",
  country: "Negara",
  plan: "Rencana aksi",
  completed: "Selesai",
  overdue: "Lewat tenggat",
  blocked: "Terhambat",
  lastUpdate: "Pembaruan terakhir",
  attentionHeading: "Perlu perhatian",
  attentionEmpty: "Tidak ada yang lewat tenggat atau terhambat.",
  overdueSince: "Target {{date}}",
  upcomingHeading: "Lokakarya mendatang",
  upcomingEmpty: "Belum ada lokakarya yang direncanakan.",
  activityHeading: "Aktivitas terbaru",
  activityEmpty: "Belum ada aktivitas.",
  stats: { countries: "Negara", milestonesCompleted: "Tonggak selesai", overdue: "Tonggak lewat tenggat", blocked: "Tonggak terhambat" },
};
