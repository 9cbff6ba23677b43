import type { PrismaClient } from "../../app/generated/prisma/client";
import { hashPassword } from "../../app/auth/password.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";

/**
 * The demo accounts fixed by DESIGN.md (demo-accounts.ts) and an invented
 * directory around them. Every name here is made up.
 */

/** Ministries and agencies responsible for skills in each Member State. */
const MINISTRIES: Record<string, { name: string; acronym: string }> = {
  BN: { name: "Ministry of Education, Department of Technical Education", acronym: "DTE" },
  KH: { name: "Ministry of Labour and Vocational Training", acronym: "MOLVT" },
  ID: { name: "Ministry of Manpower", acronym: "KEMNAKER" },
  LA: { name: "Ministry of Labour and Social Welfare", acronym: "MOLSW" },
  MY: { name: "Ministry of Human Resources, Department of Skills Development", acronym: "JPK" },
  MM: { name: "Ministry of Labour, Employment and Social Security", acronym: "MOLES" },
  PH: { name: "Technical Education and Skills Development Authority", acronym: "TESDA" },
  SG: { name: "SkillsFuture Singapore", acronym: "SSG" },
  TH: { name: "Ministry of Labour, Department of Skill Development", acronym: "DSD" },
  VN: { name: "Ministry of Labour, Invalids and Social Affairs", acronym: "MOLISA" },
};

const EMPLOYERS: Record<string, string> = {
  KH: "Cambodian Federation of Employers and Business Associations",
  ID: "Employers' Association of Indonesia",
  PH: "Employers Confederation of the Philippines",
  VN: "Viet Nam Chamber of Commerce and Industry",
  TH: "Employers' Confederation of Thailand",
};
const WORKERS: Record<string, string> = {
  KH: "Cambodian Labour Confederation",
  MM: "Confederation of Trade Unions Myanmar",
  LA: "Lao Federation of Trade Unions",
};

/** Invented names, two per country: the focal point and the task-force member. */
const DEMO_NAMES: Record<string, { fp: [string, string]; tf: [string, string] }> = {
  BN: { fp: ["Nurul Hazwani Ahmad", "female"], tf: ["Rahimin Zulkifli", "male"] },
  KH: { fp: ["Sokha Chenda", "female"], tf: ["Vuthy Sambath", "male"] },
  ID: { fp: ["Rina Kusumawati", "female"], tf: ["Budi Santoso Wirya", "male"] },
  LA: { fp: ["Khamla Vongsa", "male"], tf: ["Noy Phetsamone", "female"] },
  MY: { fp: ["Aisyah Kamarudin", "female"], tf: ["Daniel Raj Kumar", "male"] },
  MM: { fp: ["Thida Win Aung", "female"], tf: ["Kyaw Zin Htet", "male"] },
  PH: { fp: ["Maria Luz Dizon", "female"], tf: ["Paolo Reyes Castillo", "male"] },
  SG: { fp: ["Grace Tan Wei Ling", "female"], tf: ["Farid Ismail", "male"] },
  TH: { fp: ["Siriporn Chaiyasit", "female"], tf: ["Anan Boonmee", "male"] },
  VN: { fp: ["Nguyen Thi Lan Anh", "female"], tf: ["Tran Quoc Minh", "male"] },
};

export async function seedPeople(db: PrismaClient) {
  // One hash for the shared demo password: every demo account signs in with it.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const countries = await db.country.findMany();
  const byCode = new Map(countries.map((c) => [c.code, c]));

  const org = async (name: string, kind: string, countryId: string | null, acronym?: string) =>
    db.organisation.create({ data: { name, kind, countryId, acronym } });

  const asec = await org("ASEAN Secretariat", "asean_secretariat", byCode.get("ID")!.id, "ASEC");
  const ilo = await org(
    "International Labour Organization, Regional Office for Asia and the Pacific",
    "ilo",
    byCode.get("TH")!.id,
    "ILO",
  );
  const iom = await org("International Organization for Migration, Asia-Pacific", "iom", byCode.get("TH")!.id, "IOM");
  const donor = await org(
    "Government of the Republic of Korea, Ministry of Employment and Labour",
    "donor",
    null,
    "MOEL",
  );
  const ministries = new Map<string, string>();
  for (const c of countries) {
    const m = MINISTRIES[c.code]!;
    ministries.set(c.code, (await org(m.name, "ministry", c.id, m.acronym)).id);
  }
  for (const [code, name] of Object.entries(EMPLOYERS)) await org(name, "employers", byCode.get(code)!.id);
  for (const [code, name] of Object.entries(WORKERS)) await org(name, "workers", byCode.get(code)!.id);
  await org("Korea Human Resources Development Service", "donor", null, "HRD Korea");
  void donor;

  const account = async (
    email: string,
    name: string,
    sex: string,
    roles: { role: string; countryId?: string | null; label?: string }[],
    extra: { organisationId?: string; countryId?: string; position?: string } = {},
  ) =>
    db.user.create({
      data: {
        email,
        name,
        sex,
        passwordHash,
        passwordChangedAt: new Date(),
        status: "active",
        organisationId: extra.organisationId,
        countryId: extra.countryId,
        position: extra.position,
        roles: { create: roles.map((r) => ({ role: r.role, countryId: r.countryId ?? null, label: r.label ?? null })) },
      },
    });

  await account(DEMO_ACCOUNTS.admin, "Platform Administrator", "undisclosed", [{ role: "admin" }], {
    organisationId: asec.id,
    position: "System administrator",
  });
  await account(DEMO_ACCOUNTS.secretariat, "Dewi Anggraini Putri", "female", [{ role: "secretariat" }], {
    organisationId: asec.id,
    countryId: byCode.get("ID")!.id,
    position: "Senior Officer, Labour and Civil Service Division",
  });
  await account(DEMO_ACCOUNTS.facilitator, "Somchai Rattanakul", "male", [{ role: "facilitator", label: "ILO" }], {
    organisationId: ilo.id,
    countryId: byCode.get("TH")!.id,
    position: "Skills and Employability Specialist",
  });
  await account(DEMO_ACCOUNTS.facilitatorIom, "Hannah Lindqvist", "female", [{ role: "facilitator", label: "IOM" }], {
    organisationId: iom.id,
    position: "Labour Mobility Programme Officer",
  });
  await account(DEMO_ACCOUNTS.observer, "Joon-ho Park", "male", [{ role: "observer" }], {
    organisationId: donor.id,
    position: "Programme Officer, development cooperation",
  });

  for (const c of countries) {
    const names = DEMO_NAMES[c.code]!;
    const organisationId = ministries.get(c.code)!;
    await account(
      DEMO_ACCOUNTS.focalPoint(c.code),
      names.fp[0],
      names.fp[1],
      [{ role: "focal_point", countryId: c.id }],
      {
        organisationId,
        countryId: c.id,
        position: "National skills focal point",
      },
    );
    await account(
      DEMO_ACCOUNTS.taskForce(c.code),
      names.tf[0],
      names.tf[1],
      [{ role: "task_force", countryId: c.id, label: "Task Force-AQRF" }],
      {
        organisationId,
        countryId: c.id,
        position: "Director, Qualifications and Standards Division",
      },
    );
  }
}
