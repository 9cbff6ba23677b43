import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { getFormProps, type Submission } from "@conform-to/react";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sectorName as translatedSectorName, useCountryName, useSectorName, countryName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import { confirmFirst, Field, FormErrorSummary, SelectField } from "~/components/forms";
import { LiveStatus } from "~/components/live-status";
import { MilestoneStatusBadge } from "~/components/status-badges";
import { getTranslate } from "~/i18n/translate.server";
import { findCountryByCode } from "~/models/country.server";
import {
  addPrioritySector,
  countryMilestoneOverview,
  createSectorForCountry,
  removePrioritySector,
  sectorsNotChosen,
} from "~/models/priority-sector.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import styles from "~/styles/milestones.css?url";
import { formatDay } from "~/utils/format";
import { ChooseSectorSchema, NewSectorSchema, RemoveSectorSchema } from "~/forms/priority-sector";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { useFetcherForm } from "~/forms/use-app-form";
import { CountryCodeParam, parseParam } from "~/utils/params";
import { toastHeaders } from "~/utils/toast.server";
import { MILESTONE_STATUSES, parseWord } from "~/domain/vocabulary";
import { metaTitle } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) =>
    data ? t("milestones:sectors.pageTitle", { country: countryName(t, data.country) }) : t("milestones:sectors.title"),
  );

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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, country } = await requireCountryMilestones(request, params.code);
  assertCan(user, "milestone.edit", { countryId: country.id });
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const done = async (submission: Submission<unknown, string[]>, message: string) =>
    data(
      { result: submission.reply({ resetForm: true }) },
      { headers: await toastHeaders({ kind: "success", message }) },
    );
  switch (formData.get("intent")) {
    case "add": {
      const submission = await parseSubmission(request, formData, ChooseSectorSchema);
      if (submission.status !== "success") return invalidReply(submission);
      try {
        const sector = await addPrioritySector(country.id, submission.value.sectorId, user.id, context.requestId);
        return done(submission, t("milestones:sectors.added", { sector: translatedSectorName(t, sector) }));
      } catch (error) {
        return refusalReply(request, submission, error);
      }
    }
    case "create": {
      const submission = await parseSubmission(request, formData, NewSectorSchema);
      if (submission.status !== "success") return invalidReply(submission);
      try {
        const sector = await createSectorForCountry(country.id, submission.value.name, user.id, context.requestId);
        return done(submission, t("milestones:sectors.added", { sector: translatedSectorName(t, sector) }));
      } catch (error) {
        return refusalReply(request, submission, error);
      }
    }
    case "remove": {
      const submission = await parseSubmission(request, formData, RemoveSectorSchema);
      if (submission.status !== "success") throw new Response("Not found", { status: 404 });
      try {
        const sector = await removePrioritySector(country.id, submission.value.sectorId, user.id, context.requestId);
        return done(submission, t("milestones:sectors.removed", { sector: translatedSectorName(t, sector) }));
      } catch (error) {
        return refusalReply(request, submission, error);
      }
    }
    default:
      throw await refusal(request, 400, "errors.badRequest");
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function PrioritySectors() {
  const { country, canEdit, sectors } = useLoaderData<typeof loader>();
  const { t } = useTranslation("milestones");
  const countryName = useCountryName();
  const status = useLiveUpdates([topic.country(country.id)]);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/milestones">{t("title")}</Link> ›{" "}
        <Link to={`/countries/${country.code}`}>{countryName(country)}</Link>
      </nav>
      <PageHeader
        title={t("sectors.pageTitle", { country: countryName(country) })}
        intro={t("sectors.intro", { country: countryName(country) })}
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
  const sectorName = useSectorName();
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const removal = useFetcher<typeof action>();
  const refusal = removal.data?.result.error?.sectorId?.[0];
  const headingId = `sector-${sector.sector.id}`;
  const completed = sector.milestones.filter((m) => m.status === "completed").length;
  return (
    <section className="card sector-card" aria-labelledby={headingId}>
      <div className="card-header">
        <div>
          <h2 id={headingId}>{sectorName(sector.sector)}</h2>
          <p className="small muted">
            {sector.sector.isRmcs ? <span className="badge badge-brand">{t("sectors.rmcs")}</span> : null}{" "}
            {sector.sector.addedByCountry
              ? `${t("sectors.addedBy", { country: countryName(sector.sector.addedByCountry) })} · `
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
            onSubmit={confirmFirst(t("sectors.removeConfirm", { sector: sectorName(sector.sector) }))}
          >
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="sectorId" value={sector.sector.id} />
            <button
              type="submit"
              className="button-secondary"
              aria-label={t("sectors.removeLabel", { sector: sectorName(sector.sector) })}
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
                {t(`symbols.${parseWord(MILESTONE_STATUSES, m.status)}`)}
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

function ChooseSector() {
  const { available } = useLoaderData<typeof loader>();
  const { t } = useTranslation("milestones");
  const countryName = useCountryName();
  const sectorName = useSectorName();
  const { fetcher, form, fields, busy } = useFetcherForm(ChooseSectorSchema, {
    match: { intent: "add" },
    defaultValue: { sectorId: "" },
  });
  return (
    <section className="card" aria-labelledby="choose-sector-heading">
      <h2 id="choose-sector-heading">{t("sectors.addTitle")}</h2>
      {available.length ? (
        <fetcher.Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <FormErrorSummary form={form} />
          <SelectField
            label={t("sectors.sector")}
            meta={fields.sectorId}
            options={[
              { value: "", label: t("sectors.chooseSector") },
              ...available.map((s) => ({
                value: s.id,
                label: s.addedByCountry
                  ? `${sectorName(s)} (${t("sectors.addedBy", { country: countryName(s.addedByCountry) })})`
                  : sectorName(s),
              })),
            ]}
          />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
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
  const { fetcher, form, fields, busy } = useFetcherForm(NewSectorSchema, { match: { intent: "create" } });
  return (
    <section className="card" aria-labelledby="new-sector-heading">
      <h2 id="new-sector-heading">{t("sectors.newTitle")}</h2>
      <p className="small muted">{t("sectors.newIntro")}</p>
      <fetcher.Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <FormErrorSummary form={form} />
        <Field label={t("sectors.name")} meta={fields.name} />
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={busy}>
            {t("sectors.create")}
          </button>
        </div>
      </fetcher.Form>
    </section>
  );
}
