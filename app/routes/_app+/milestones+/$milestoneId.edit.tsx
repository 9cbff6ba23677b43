import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { requirePermission, requireUser } from "~/auth/session.server";
import { Field, FormError, SelectField, TextareaField, FormActions } from "~/components/forms";
import { LiveStatus } from "~/components/live-status";
import { getTranslate } from "~/i18n/translate.server";
import {
  findMilestoneScope,
  getMilestone,
  MilestoneConflict,
  milestoneFormOptions,
  milestoneFormSchema,
  milestoneRulesContext,
  updateMilestone,
} from "~/models/milestone.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import styles from "~/styles/milestones.css?url";
import { AQRF_STAGE, MILESTONE_STATUSES, MUTUAL_RECOGNITION_STAGE } from "~/domain/vocabulary";
import { formDataToObject, parseForm, readFormData } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Edit milestone · FocalPoint" }];

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
  const [milestone, options] = await Promise.all([getMilestone(scope.id), milestoneFormOptions(scope.countryId)]);
  if (!milestone) throw new Response("Not found", { status: 404 });
  return { milestone, version: milestone.updatedAt.toISOString(), ...options };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, milestone } = await requireEditableMilestone(request, params.milestoneId);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const values = formDataToObject(formData);
  const form = await parseForm(request, milestoneFormSchema(await milestoneRulesContext(milestone)), formData);
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, values, version: null }, { status: 400 });
  try {
    const changed = await updateMilestone(milestone.id, form.data, user.id, {
      expectedUpdatedAt: String(formData.get("version") ?? ""),
      requestId: context.requestId,
    });
    return redirectWithToast(`/milestones/${milestone.id}`, {
      kind: changed ? "success" : "info",
      message: t(changed ? "milestones:form.saved" : "milestones:form.unchanged"),
    });
  } catch (error) {
    if (!(error instanceof MilestoneConflict)) throw error;
    // Hand back the newer version: saving again then replaces the other person's change knowingly.
    const message = t("milestones:form.conflict", { name: error.updatedByName ?? t("milestones:form.someoneElse") });
    return data({ fieldErrors: { form: message }, values, version: error.updatedAt.toISOString() }, { status: 409 });
  }
}

export default function EditMilestone() {
  const { milestone, version, partnerCountries, levels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  // The version this form was opened on. Live revalidation refreshes the loader
  // data while someone types; keeping the first version is what lets the server
  // notice that another person saved in between.
  const [openedVersion] = useState(version);
  const status = useLiveUpdates([topic.country(milestone.countryId)]);
  const changedMeanwhile = version !== (actionData?.version ?? openedVersion);
  const errors = actionData?.fieldErrors as Record<string, string> | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>;
  const value = (name: string, current: string | number | null) =>
    values[name] ?? (current === null ? "" : String(current));
  const stageName = t(`stageNames.${milestone.stage.code as "national_standard"}`, {
    defaultValue: milestone.stage.name,
  });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/milestones">{t("title")}</Link> ›{" "}
        <Link to={`/countries/${milestone.country.code}`}>{milestone.country.name}</Link> ›{" "}
        <Link to={`/milestones/${milestone.id}`}>{stageName}</Link>
      </nav>
      <PageHeader
        title={t("form.title")}
        intro={
          <>
            {stageName} · {milestone.sector?.name ?? t("page.countryLevel")} · {milestone.country.name}
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
        <Form method="post" noValidate>
          <FormError>{errors?.form ?? (errors ? tc("errors.fixBelow") : null)}</FormError>
          <input type="hidden" name="version" value={actionData?.version ?? openedVersion} />
          <SelectField
            label={t("page.status")}
            name="status"
            defaultValue={value("status", milestone.status)}
            error={errors?.status}
            options={MILESTONE_STATUSES.map((s) => ({ value: s, label: tc(`milestoneStatuses.${s}`) }))}
          />
          <div className="grid grid-3 form-dates">
            <Field
              label={t("page.startedOn")}
              name="startedOn"
              type="date"
              defaultValue={value("startedOn", milestone.startedOn)}
              error={errors?.startedOn}
            />
            <Field
              label={t("page.targetOn")}
              name="targetOn"
              type="date"
              defaultValue={value("targetOn", milestone.targetOn)}
              hint={t("form.targetOnHint")}
              error={errors?.targetOn}
            />
            <Field
              label={t("page.achievedOn")}
              name="achievedOn"
              type="date"
              defaultValue={value("achievedOn", milestone.achievedOn)}
              hint={t("form.achievedOnHint")}
              error={errors?.achievedOn}
            />
          </div>
          {milestone.stage.code === AQRF_STAGE ? (
            <SelectField
              label={t("page.aqrfLevel")}
              name="aqrfLevel"
              defaultValue={value("aqrfLevel", milestone.aqrfLevel)}
              hint={t("form.aqrfLevelHint")}
              error={errors?.aqrfLevel}
              options={[
                { value: "", label: t("form.notSet") },
                ...levels.map((l) => ({ value: String(l.level), label: t("page.level", { level: l.level }) })),
              ]}
            />
          ) : null}
          {milestone.stage.code === MUTUAL_RECOGNITION_STAGE ? (
            <SelectField
              label={t("page.partnerCountry")}
              name="partnerCountryId"
              defaultValue={value("partnerCountryId", milestone.partnerCountryId)}
              hint={t("form.partnerHint")}
              error={errors?.partnerCountryId}
              options={[
                { value: "", label: t("form.notSet") },
                ...partnerCountries.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          ) : null}
          <TextareaField
            label={t("page.notes")}
            name="notes"
            rows={5}
            maxLength={4000}
            defaultValue={value("notes", milestone.notes)}
            error={errors?.notes}
          />
          <FormActions submitting={navigation.state === "submitting"} cancelTo={`/milestones/${milestone.id}`} />
        </Form>
      </section>
    </>
  );
}
