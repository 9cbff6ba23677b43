import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCountryName, useSectorName, useStageName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { requirePermission, requireUser } from "~/auth/session.server";
import { Field, FormErrorSummary, SelectField, TextareaField, FormActions } from "~/components/forms";
import { LiveStatus } from "~/components/live-status";
import { getTranslate } from "~/i18n/translate.server";
import {
  findMilestoneScope,
  getMilestone,
  MilestoneConflict,
  milestoneFormOptions,
  milestoneRulesContext,
  updateMilestone,
} from "~/models/milestone.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import styles from "~/styles/milestones.css?url";
import {
  ACTION_ITEM_STATUSES,
  AQRF_STAGE,
  MILESTONE_STATUSES,
  MUTUAL_RECOGNITION_STAGE,
  parseWord,
} from "~/domain/vocabulary";
import { openItemsOfMilestone } from "~/models/action-item.server";
import { milestoneFormSchema } from "~/forms/milestone";
import { invalidReply, parseSubmission, readFormData } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("milestones:form.title");

/** The milestone in the URL, for someone allowed to edit its country's milestones (403 otherwise). */
async function requireEditableMilestone(request: Request, milestoneIdParam: string | undefined) {
  await requireUser(request);
  const milestone = await findMilestoneScope(parseParam(IdParam, milestoneIdParam));
  if (!milestone) throw new Response("Not found", { status: 404 });
  const user = await requirePermission(request, "milestone.edit", { countryId: milestone.countryId });
  return { user, milestone };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { milestone: scope } = await requireEditableMilestone(request, params.milestoneId);
  const [milestone, options, rules, openItems] = await Promise.all([
    getMilestone(scope.id),
    milestoneFormOptions(scope.countryId),
    milestoneRulesContext(scope),
    openItemsOfMilestone(scope.id),
  ]);
  if (!milestone) throw new Response("Not found", { status: 404 });
  return { milestone, version: milestone.updatedAt.toISOString(), rules, openItems, ...options };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, milestone } = await requireEditableMilestone(request, params.milestoneId);
  const formData = await readFormData(request);
  const schema = milestoneFormSchema(await milestoneRulesContext(milestone));
  const submission = await parseSubmission(request, formData, schema);
  if (submission.status !== "success") return invalidReply(submission);
  const t = await getTranslate(request);
  try {
    const changed = await updateMilestone(milestone.id, submission.value, user.id, {
      expectedUpdatedAt: String(formData.get("version") ?? ""),
      requestId: context.requestId,
      // Only ids: the model keeps those of this milestone's open items and ignores the rest.
      alsoDoneItemIds: formData
        .getAll("alsoDone")
        .filter((v): v is string => typeof v === "string" && IdParam.safeParse(v).success),
    });
    return redirectWithToast(`/milestones/${milestone.id}`, {
      kind: changed ? "success" : "info",
      message: t(changed ? "milestones:form.saved" : "milestones:form.unchanged"),
    });
  } catch (error) {
    if (!(error instanceof MilestoneConflict)) throw error;
    // Hand back the newer version: saving again then replaces the other person's change knowingly.
    const message = t("milestones:form.conflict", { name: error.updatedByName ?? t("milestones:form.someoneElse") });
    return data(
      { result: submission.reply({ formErrors: [message] }), version: error.updatedAt.toISOString() },
      { status: 409 },
    );
  }
}

export default function EditMilestone() {
  const { milestone, version, rules, partnerCountries, levels, openItems } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  // The version this form was opened on. Live revalidation refreshes the loader
  // data while someone types; keeping the first version is what lets the server
  // notice that another person saved in between.
  const [openedVersion] = useState(version);
  const status = useLiveUpdates([topic.country(milestone.countryId)]);
  const savedVersion = actionData && "version" in actionData ? String(actionData.version) : openedVersion;
  const changedMeanwhile = version !== savedVersion;
  const schema = useMemo(() => milestoneFormSchema(rules), [rules]);
  const [form, fields] = useAppForm(schema, { lastResult: actionData?.result, defaultValue: milestone });
  const stageName = useStageName({ long: true })(milestone.stage.code);
  const countryName = useCountryName()(milestone.country);
  const sectorName = useSectorName();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/milestones">{t("title")}</Link> ›{" "}
        <Link to={`/countries/${milestone.country.code}`}>{countryName}</Link> ›{" "}
        <Link to={`/milestones/${milestone.id}`}>{stageName}</Link>
      </nav>
      <PageHeader
        title={t("form.title")}
        intro={
          <>
            {stageName} · {milestone.sector ? sectorName(milestone.sector) : t("page.countryLevel")} · {countryName}
          </>
        }
      >
        <LiveStatus status={status} />
      </PageHeader>
      <section className="card form-card">
        <p className="muted">{t("form.intro")}</p>
        {changedMeanwhile ? (
          <p className="notice" role="status">
            {t("form.changedMeanwhile", { name: milestone.updatedBy?.name ?? t("form.someoneElse") })}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary form={form} />
          <input type="hidden" name="version" value={savedVersion} />
          <SelectField
            label={t("page.status")}
            meta={fields.status}
            options={MILESTONE_STATUSES.map((s) => ({ value: s, label: tc(`milestoneStatuses.${s}`) }))}
          />
          <div className="grid grid-3 form-dates">
            <Field label={t("page.startedOn")} meta={fields.startedOn} type="date" />
            <Field label={t("page.targetOn")} meta={fields.targetOn} type="date" hint={t("form.targetOnHint")} />
            <Field label={t("page.achievedOn")} meta={fields.achievedOn} type="date" hint={t("form.achievedOnHint")} />
          </div>
          {milestone.stage.code === AQRF_STAGE ? (
            <SelectField
              label={t("page.aqrfLevel")}
              meta={fields.aqrfLevel}
              hint={t("form.aqrfLevelHint")}
              options={[
                { value: "", label: t("form.notSet") },
                ...levels.map((l) => ({ value: String(l.level), label: t("page.level", { level: l.level }) })),
              ]}
            />
          ) : null}
          {milestone.stage.code === MUTUAL_RECOGNITION_STAGE ? (
            <SelectField
              label={t("page.partnerCountry")}
              meta={fields.partnerCountryId}
              hint={t("form.partnerHint")}
              options={[
                { value: "", label: t("form.notSet") },
                ...partnerCountries.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          ) : null}
          <TextareaField label={t("page.notes")} meta={fields.notes} rows={5} />
          {openItems.length ? (
            <fieldset>
              <legend>{t("form.alsoDone")}</legend>
              <p className="field-hint">{t("form.alsoDoneHint")}</p>
              {openItems.map((item) => (
                <label key={item.id} className="checkbox">
                  <input type="checkbox" name="alsoDone" value={item.id} />
                  {item.activity}{" "}
                  <span className="muted small">
                    ({tc(`actionItemStatuses.${parseWord(ACTION_ITEM_STATUSES, item.status)}`)} {item.progress}%)
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <FormActions submitting={navigation.state === "submitting"} cancelTo={`/milestones/${milestone.id}`} />
        </Form>
      </section>
    </>
  );
}
