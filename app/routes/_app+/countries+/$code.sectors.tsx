import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import { Field, SelectField } from "~/components/forms";
import { LiveStatus } from "~/components/live-status";
import { MilestoneStatusBadge } from "~/components/status-badges";
import { getTranslate } from "~/i18n/translate.server";
import { findCountryByCode } from "~/models/country.server";
import {
  AddPrioritySectorForm,
  addPrioritySector,
  countryMilestoneOverview,
  createSectorForCountry,
  NewSectorForm,
  PrioritySectorError,
  removePrioritySector,
  sectorsNotChosen,
} from "~/models/milestone.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import styles from "~/styles/milestones.css?url";
import { formatDay } from "~/utils/format";
import { parseForm, type FieldErrors, readFormData, refusal } from "~/forms/submission.server";
import { CountryCodeParam, IdParam, parseParam } from "~/utils/params";
import { toastHeaders } from "~/utils/toast.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.country.name ?? "Country"}: priority sectors · FocalPoint` },
];

/** The country in the URL, for someone who may read its milestones (403 otherwise). */
async function requireCountryMilestones(request: Request, code: string | undefined) {
  const user = await requireUser(request);
  const country = await findCountryByCode(parseParam(CountryCodeParam, code));
  if (!country) throw new Response("Not found", { status: 404 });
  assertCan(user, "milestone.read", { countryId: country.id });
  return { user, country: { id: country.id, code: country.code, name: country.name } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, country } = await requireCountryMilestones(request, params.code);
  const canEdit = can(user, "milestone.edit", { countryId: country.id });
  const [overview, available] = await Promise.all([
    countryMilestoneOverview(country.id),
    canEdit ? sectorsNotChosen(country.id) : [],
  ]);
  return { country, canEdit, sectors: overview.sectors, sectorStages: overview.sectorStages, available };
}

type Result = { ok: true } | { ok: false; intent: string; fieldErrors: FieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, country } = await requireCountryMilestones(request, params.code);
  assertCan(user, "milestone.edit", { countryId: country.id });
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const refused = (fieldErrors: FieldErrors) => data<Result>({ ok: false, intent, fieldErrors }, { status: 400 });
  const done = async (message: string) =>
    data<Result>({ ok: true }, { headers: await toastHeaders({ kind: "success", message }) });
  try {
    switch (intent) {
      case "add": {
        const form = await parseForm(request, AddPrioritySectorForm, formData);
        if (!form.ok) return refused(form.fieldErrors);
        const sector = await addPrioritySector(country.id, form.data.sectorId, user.id, context.requestId);
        return done(t("milestones:sectors.added", { sector: sector.name }));
      }
      case "create": {
        const form = await parseForm(request, NewSectorForm, formData);
        if (!form.ok) return refused(form.fieldErrors);
        const sector = await createSectorForCountry(country.id, form.data.name, user.id, context.requestId);
        return done(t("milestones:sectors.added", { sector: sector.name }));
      }
      case "remove": {
        const sectorId = parseParam(IdParam, formData.get("sectorId"));
        const sector = await removePrioritySector(country.id, sectorId, user.id, context.requestId);
        return done(t("milestones:sectors.removed", { sector: sector.name }));
      }
      default:
        throw await refusal(request, 400, "errors.badRequest");
    }
  } catch (error) {
    if (error instanceof PrioritySectorError) return refused({ [error.field]: t(error.messageKey) });
    throw error;
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function PrioritySectors() {
  const { country, canEdit, sectors } = useLoaderData<typeof loader>();
  const { t } = useTranslation("milestones");
  const status = useLiveUpdates([topic.country(country.id)]);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/milestones">{t("title")}</Link> › <Link to={`/countries/${country.code}`}>{country.name}</Link>
      </nav>
      <PageHeader
        title={t("sectors.pageTitle", { country: country.name })}
        intro={t("sectors.intro", { country: country.name })}
      >
        <LiveStatus status={status} />
      </PageHeader>
      <p className="muted">{canEdit ? t("sectors.removalRule") : t("sectors.readOnly")}</p>
      <div className="milestone-sections">
        {sectors.length ? (
          sectors.map((s) => <SectorPipeline key={s.sector.id} sector={s} canEdit={canEdit} />)
        ) : (
          <p className="empty card">{t("sectors.none")}</p>
        )}
        {canEdit ? (
          <div className="grid grid-2">
            <ChooseSector />
            <NewSector />
          </div>
        ) : null}
      </div>
    </>
  );
}

function SectorPipeline({ sector, canEdit }: { sector: LoaderData["sectors"][number]; canEdit: boolean }) {
  const { t } = useTranslation("milestones");
  const locale = useRootData()?.locale ?? "en";
  const removal = useFetcher<typeof action>();
  const headingId = `sector-${sector.sector.id}`;
  const completed = sector.milestones.filter((m) => m.status === "completed").length;
  const refusal = removal.data && !removal.data.ok ? removal.data.fieldErrors.sectorId : undefined;
  return (
    <section className="card sector-card" aria-labelledby={headingId}>
      <div className="card-header">
        <div>
          <h2 id={headingId}>{sector.sector.name}</h2>
          <p className="small muted">
            {sector.sector.isRmcs ? <span className="badge badge-brand">{t("sectors.rmcs")}</span> : null}{" "}
            {sector.sector.addedByCountry
              ? `${t("sectors.addedBy", { country: sector.sector.addedByCountry.name })} · `
              : null}
            {sector.prioritisedOn
              ? `${t("sectors.prioritisedOn", { date: formatDay(sector.prioritisedOn, locale) })} · `
              : null}
            {t("sectors.progress", { completed, total: sector.milestones.length })}
          </p>
        </div>
        {canEdit && sector.removable ? (
          <removal.Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(t("sectors.removeConfirm", { sector: sector.sector.name }))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="sectorId" value={sector.sector.id} />
            <button
              type="submit"
              className="button-secondary"
              aria-label={t("sectors.removeLabel", { sector: sector.sector.name })}
              disabled={removal.state !== "idle"}
            >
              {t("sectors.remove")}
            </button>
          </removal.Form>
        ) : null}
      </div>
      {refusal ? (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      ) : null}
      <ol className="pipeline">
        {sector.milestones.map((m) => (
          <li key={m.id} className={`pipeline-step stage-${m.status}${m.overdue ? " stage-overdue" : ""}`}>
            <Link to={`/milestones/${m.id}`}>
              <span aria-hidden="true" className="pipeline-symbol">
                {t(`symbols.${m.status as "completed"}`)}
              </span>
              <span className="pipeline-name">
                {t(`stageNames.${m.stageCode as "national_standard"}`, { defaultValue: m.stageCode })}
              </span>
            </Link>
            <MilestoneStatusBadge status={m.status} />
            {m.overdue ? <span className="badge badge-warn">{t("page.overdue")}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * A form that empties itself once its submission succeeded. Without JavaScript it is posted as a
 * page, and its refusal comes back as the page's action data, marked with the form's intent.
 */
function useSectorFetcher(intent: string) {
  const fetcher = useFetcher<typeof action>();
  const posted = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) formRef.current?.reset();
  }, [fetcher.state, fetcher.data]);
  const answer = fetcher.data ?? (posted && !posted.ok && posted.intent === intent ? posted : undefined);
  return { fetcher, formRef, errors: answer && !answer.ok ? answer.fieldErrors : undefined };
}

function ChooseSector() {
  const { available } = useLoaderData<typeof loader>();
  const { t } = useTranslation("milestones");
  const { fetcher, formRef, errors } = useSectorFetcher("add");
  return (
    <section className="card" aria-labelledby="choose-sector-heading">
      <h2 id="choose-sector-heading">{t("sectors.addTitle")}</h2>
      {available.length ? (
        <fetcher.Form method="post" ref={formRef}>
          <input type="hidden" name="intent" value="add" />
          <SelectField
            label={t("sectors.sector")}
            name="sectorId"
            defaultValue=""
            error={errors?.sectorId}
            options={[
              { value: "", label: t("sectors.chooseSector") },
              ...available.map((s) => ({
                value: s.id,
                label: s.addedByCountry
                  ? `${s.name} (${t("sectors.addedBy", { country: s.addedByCountry.name })})`
                  : s.name,
              })),
            ]}
          />
          <div className="form-actions">
            <button type="submit" disabled={fetcher.state !== "idle"}>
              {t("sectors.addButton")}
            </button>
          </div>
        </fetcher.Form>
      ) : (
        <p className="empty">{t("sectors.allChosen")}</p>
      )}
    </section>
  );
}

function NewSector() {
  const { t } = useTranslation("milestones");
  const { fetcher, formRef, errors } = useSectorFetcher("create");
  return (
    <section className="card" aria-labelledby="new-sector-heading">
      <h2 id="new-sector-heading">{t("sectors.newTitle")}</h2>
      <p className="small muted">{t("sectors.newIntro")}</p>
      <fetcher.Form method="post" ref={formRef}>
        <input type="hidden" name="intent" value="create" />
        <Field label={t("sectors.name")} name="name" maxLength={80} required error={errors?.name} />
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={fetcher.state !== "idle"}>
            {t("sectors.create")}
          </button>
        </div>
      </fetcher.Form>
    </section>
  );
}
