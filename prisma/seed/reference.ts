import type { PrismaClient } from "../../app/generated/prisma/client";

/** Real reference data: the ten ASEAN Member States, the RMCS sectors, AQRF levels and the MRS stages. */

const COUNTRIES = [
  { code: "BN", name: "Brunei Darussalam", nqfName: "Brunei Darussalam Qualifications Framework (BDQF)" },
  { code: "KH", name: "Cambodia", nqfName: "Cambodia Qualifications Framework (CQF)" },
  { code: "ID", name: "Indonesia", nqfName: "Indonesian National Qualifications Framework (KKNI)" },
  { code: "LA", name: "Lao PDR", nqfName: "Lao National Qualifications Framework (LNQF)" },
  { code: "MY", name: "Malaysia", nqfName: "Malaysian Qualifications Framework (MQF)" },
  { code: "MM", name: "Myanmar", nqfName: "Myanmar National Qualifications Framework (MNQF)" },
  { code: "PH", name: "Philippines", nqfName: "Philippine Qualifications Framework (PQF)" },
  { code: "SG", name: "Singapore", nqfName: "Singapore Workforce Skills Qualifications (WSQ)" },
  { code: "TH", name: "Thailand", nqfName: "Thai Qualifications Framework (TQF)" },
  { code: "VN", name: "Viet Nam", nqfName: "Viet Nam Qualifications Framework (VQF)" },
] as const;

const SECTORS = [
  { code: "domestic-work", name: "Domestic work", isRmcs: true },
  { code: "welding", name: "Welding", isRmcs: true },
  { code: "construction", name: "Construction", isRmcs: true },
  { code: "agriculture-aquaculture", name: "Agriculture and aquaculture", isRmcs: true },
  { code: "mechanical-services", name: "Mechanical services", isRmcs: true },
  { code: "core-competencies", name: "Generic set of core competencies", isRmcs: true },
  { code: "tourism", name: "Tourism", isRmcs: false },
] as const;

const AQRF_LEVELS = [
  {
    level: 1,
    title: "Level 1",
    description: "Basic general and foundational knowledge; simple, routine tasks under close supervision.",
  },
  {
    level: 2,
    title: "Level 2",
    description: "General and factual knowledge; a range of well-defined tasks under general supervision.",
  },
  {
    level: 3,
    title: "Level 3",
    description: "Factual, procedural and some theoretical knowledge; tasks with some discretion and judgement.",
  },
  {
    level: 4,
    title: "Level 4",
    description:
      "Technical and theoretical knowledge; varied work that needs problem solving and supervision of others.",
  },
  {
    level: 5,
    title: "Level 5",
    description: "Detailed technical and theoretical knowledge; complex work and management of change.",
  },
  {
    level: 6,
    title: "Level 6",
    description: "Specialised technical and theoretical knowledge; complex and changing contexts, managing people.",
  },
  {
    level: 7,
    title: "Level 7",
    description: "Advanced and integrated knowledge; new and unforeseen contexts, leading professional practice.",
  },
  {
    level: 8,
    title: "Level 8",
    description: "Knowledge at the most advanced frontier; highly specialised research and innovation.",
  },
] as const;

export const MILESTONE_STAGES = [
  {
    code: "sector_prioritised",
    scope: "sector",
    name: "Sector prioritised",
    description: "The country has chosen the sector as a priority for mutual recognition.",
  },
  {
    code: "national_standard",
    scope: "sector",
    name: "National competency standard",
    description: "A national competency standard exists, benchmarked to the Regional Model Competency Standard.",
  },
  {
    code: "curriculum_materials",
    scope: "sector",
    name: "Curriculum and learning materials",
    description: "Competency-based curriculum and learning materials are developed.",
  },
  {
    code: "testing_certification",
    scope: "sector",
    name: "Testing and certification",
    description: "Testing and certification modules are in place and assessors are trained.",
  },
  {
    code: "aqrf_referenced",
    scope: "sector",
    name: "Referenced to AQRF",
    description: "The qualification is referenced to the ASEAN Qualifications Reference Framework at a stated level.",
  },
  {
    code: "mutual_recognition",
    scope: "sector",
    name: "Mutual recognition arrangement",
    description: "A mutual recognition arrangement is agreed with a named partner Member State.",
  },
  {
    code: "workers_recognised",
    scope: "sector",
    name: "Workers assessed and recognised",
    description: "Workers have been assessed and their skills recognised under the arrangement.",
  },
  {
    code: "focal_point_nominated",
    scope: "country",
    name: "Skills focal point nominated",
    description: "The country has nominated its national skills focal point.",
  },
  {
    code: "nqf_in_place",
    scope: "country",
    name: "National qualifications framework in place",
    description: "A national qualifications framework is adopted.",
  },
  {
    code: "aqrf_report_submitted",
    scope: "country",
    name: "AQRF referencing report submitted",
    description: "The AQRF referencing report is submitted to the AQRF Committee.",
  },
  {
    code: "aqrf_report_endorsed",
    scope: "country",
    name: "AQRF referencing report endorsed",
    description: "The AQRF Committee has endorsed the referencing report.",
  },
  {
    code: "national_workshop_held",
    scope: "country",
    name: "National MRS workshop held",
    description: "A national workshop on the Mutual Recognition of Skills has been held.",
  },
  {
    code: "industry_scheme_piloted",
    scope: "country",
    name: "Industry participation scheme piloted",
    description:
      "A TVET industry participation scheme (sector skills council, skills committee or apprenticeship) is pilot-tested.",
  },
] as const;

/** Idempotent: safe to run on a database that already has the reference data. */
export async function seedReferenceData(db: PrismaClient) {
  for (const [index, c] of COUNTRIES.entries()) {
    await db.country.upsert({
      where: { code: c.code },
      create: { ...c, sortOrder: index },
      update: { name: c.name, sortOrder: index },
    });
  }
  for (const [index, s] of SECTORS.entries()) {
    await db.sector.upsert({
      where: { code: s.code },
      create: { ...s, sortOrder: index },
      update: { name: s.name, isRmcs: s.isRmcs },
    });
  }
  for (const l of AQRF_LEVELS) {
    await db.aqrfLevel.upsert({ where: { level: l.level }, create: l, update: l });
  }
  for (const [index, s] of MILESTONE_STAGES.entries()) {
    await db.milestoneStage.upsert({
      where: { code: s.code },
      create: { ...s, sortOrder: index },
      update: { ...s, sortOrder: index },
    });
  }
}
