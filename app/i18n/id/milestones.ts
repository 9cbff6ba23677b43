import type { milestones as en } from "../en/milestones";
import type { Translation } from "../types";

export const milestones: Translation<typeof en> = {
  title: "Tonggak capaian",
  intro: "Posisi setiap Negara Anggota dalam alur MRS, sektor demi sektor.",
  country: "Negara",
  anyCountry: "Semua negara",
  sector: "Sektor",
  anySector: "Semua sektor",
  legend: "Keterangan",
  sectorPipeline: "Alur per sektor",
  countryLevel: "Tonggak tingkat negara",
  none: "Tidak ada tonggak yang cocok dengan saringan ini.",
  stages: {
    sector_prioritised: "Diprioritaskan",
    national_standard: "Standar",
    curriculum_materials: "Kurikulum",
    testing_certification: "Uji",
    aqrf_referenced: "AQRF",
    mutual_recognition: "MRA",
    workers_recognised: "Diakui",
    focal_point_nominated: "Focal point",
    nqf_in_place: "KKN",
    aqrf_report_submitted: "Laporan diajukan",
    aqrf_report_endorsed: "Laporan disahkan",
    national_workshop_held: "Lokakarya nasional",
    industry_scheme_piloted: "Skema industri",
  },
  symbols: { completed: "✓", in_progress: "◐", blocked: "✕", not_started: "·" },
  cellLabel: "{{stage}}: {{status}}",
  overdueMark: "lewat tenggat",
};
