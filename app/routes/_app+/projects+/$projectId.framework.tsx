import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, Field, FormErrorSummary, SelectField, type FieldMeta } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { INDICATOR_DEFINITIONS, PERIOD_KINDS } from "~/domain/indicator-definitions";
import { PARTICIPANT_CATEGORIES, WORKSHOP_KINDS } from "~/domain/vocabulary";
import { IndicatorSchema, OutcomeSchema, OutputSchema, PeriodSchema } from "~/forms/results";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { replyTo, useAppForm } from "~/forms/use-app-form";
import { metaTitle } from "~/i18n/page-title";
import { useCountryName, useStageName } from "~/i18n/names";
import { milestoneStagesForIndicators, projectFramework } from "~/models/project.server";
import { addIndicator, addOutcome, addOutput, addPeriod } from "~/models/results-framework.server";
import { getTranslate } from "~/i18n/translate.server";
import styles from "~/styles/results.css?url";
import { redirectWithToast } from "~/utils/toast.server";
import { requireProjectAccess } from "./project-access.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = ({
  data,
  matches,
}: {
  data?: { project: { code: string } };
  matches: { id: string; data?: unknown }[];
}) => metaTitle(matches, (t) => [t("results:project.framework"), data?.project.code]);

/** Editing a project's results framework and adding its periods: the implementing agency's facilitators and admins. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.projectId, "manage");
  const [framework, stages] = await Promise.all([projectFramework(project.id), milestoneStagesForIndicators()]);
  return { project, outcomes: framework.outcomes, stages };
}

const SCHEMAS = { outcome: OutcomeSchema, output: OutputSchema, indicator: IndicatorSchema, period: PeriodSchema };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.projectId, "manage");
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent"));
  if (!(intent in SCHEMAS)) throw await refusal(request, 400, "errors.badRequest");
  const submission = await parseSubmission(request, formData, SCHEMAS[intent as keyof typeof SCHEMAS]);
  if (submission.status !== "success") return invalidReply(submission);
  const author = { actorId: user.id, requestId: context.requestId };
  const value = submission.value as
    | { intent: "outcome"; title: string }
    | { intent: "output"; outcomeId: string; title: string }
    | ({ intent: "indicator" } & Parameters<typeof addIndicator>[1])
    | ({ intent: "period" } & Parameters<typeof addPeriod>[1]);
  try {
    if (value.intent === "outcome") await addOutcome(project, value.title, author);
    else if (value.intent === "output") await addOutput(project, value, author);
    else if (value.intent === "indicator") await addIndicator(project, value, author);
    else {
      await addPeriod(project, value, author);
      return redirectWithToast(`/projects/${project.id}`, {
        kind: "success",
        message: t("results:framework.periodSaved"),
      });
    }
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  return redirectWithToast(`/projects/${project.id}/framework`, {
    kind: "success",
    message: t("results:framework.saved"),
  });
}

export default function FrameworkPage() {
  const { project, outcomes } = useLoaderData<typeof loader>();
  const { t } = useTranslation("results");
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav")}>
        <Link to="/projects">{t("title")}</Link> / <Link to={`/projects/${project.id}`}>{project.code}</Link>
      </nav>
      <PageHeader title={t("framework.title", { project: project.code })} intro={t("framework.intro")} />
      <div className="framework-forms">
        <IndicatorForm />
        <div className="stack">
          <OutcomeForm />
          {outcomes.length ? <OutputForm /> : null}
          <PeriodForm />
        </div>
      </div>
    </>
  );
}

function OutcomeForm() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("results");
  const { t: tc } = useTranslation("common");
  const [form, fields] = useAppForm(OutcomeSchema, {
    id: "outcome",
    lastResult: replyTo(actionData, { intent: "outcome" }),
  });
  return (
    <section className="card" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{t("framework.addOutcome")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <input type="hidden" name="intent" value="outcome" />
        <Field label={t("framework.outcomeTitle")} meta={fields.title} />
        <button type="submit">{tc("actions.save")}</button>
      </Form>
    </section>
  );
}

function OutputForm() {
  const { outcomes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("results");
  const { t: tc } = useTranslation("common");
  const [form, fields] = useAppForm(OutputSchema, {
    id: "output",
    lastResult: replyTo(actionData, { intent: "output" }),
  });
  return (
    <section className="card" aria-labelledby="output-heading">
      <h2 id="output-heading">{t("framework.addOutput")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <input type="hidden" name="intent" value="output" />
        <SelectField
          label={t("framework.outcomeOf")}
          meta={fields.outcomeId}
          options={outcomes.map((o) => ({ value: o.id, label: o.title }))}
        />
        <Field label={t("framework.outputTitle")} meta={fields.title} />
        <button type="submit">{tc("actions.save")}</button>
      </Form>
    </section>
  );
}

function PeriodForm() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("results");
  const { t: tc } = useTranslation("common");
  const [form, fields] = useAppForm(PeriodSchema, {
    id: "period",
    lastResult: replyTo(actionData, { intent: "period" }),
    defaultValue: { kind: "year" },
  });
  return (
    <section className="card" aria-labelledby="period-heading">
      <h2 id="period-heading">{t("framework.addPeriod")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <input type="hidden" name="intent" value="period" />
        <SelectField
          label={t("period.kind")}
          meta={fields.kind}
          options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`period.kinds.${k}`) }))}
        />
        <Field label={t("period.label")} meta={fields.label} />
        <Field label={t("period.startsOn")} meta={fields.startsOn} type="date" />
        <Field label={t("period.endsOn")} meta={fields.endsOn} type="date" />
        <button type="submit">{tc("actions.save")}</button>
      </Form>
    </section>
  );
}

function IndicatorForm() {
  const { project, outcomes, stages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("results");
  const { t: tc } = useTranslation("common");
  const { t: tw } = useTranslation("workshops");
  const countryName = useCountryName();
  const stageName = useStageName();
  const [form, fields] = useAppForm(IndicatorSchema, {
    id: "indicator",
    lastResult: replyTo(actionData, { intent: "indicator" }),
    defaultValue: { definition: "workshops_held", countryScope: "any", baseline: "0" },
  });
  const [definition, setDefinition] = useState(String(fields.definition.initialValue ?? "workshops_held"));
  const outputs = outcomes.flatMap((o) => o.outputs);
  if (outputs.length === 0)
    return (
      <section className="card" aria-labelledby="indicator-heading">
        <h2 id="indicator-heading">{t("framework.addIndicator")}</h2>
        <p className="muted">{outcomes.length ? t("framework.needOutput") : t("framework.needOutcome")}</p>
      </section>
    );
  const boxes = (meta: FieldMeta, name: string, options: { value: string; label: string }[]) => {
    const chosen = new Set([meta.initialValue ?? []].flat().map(String));
    return options.map((o) => (
      <label key={o.value}>
        <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.has(o.value)} /> {o.label}
      </label>
    ));
  };
  const countsWorkshops = definition === "workshops_held" || definition === "people_trained";
  return (
    <section className="card" aria-labelledby="indicator-heading">
      <h2 id="indicator-heading">{t("framework.addIndicator")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <input type="hidden" name="intent" value="indicator" />
        <SelectField
          label={t("framework.outputOf")}
          meta={fields.outputId}
          options={outputs.map((o) => ({ value: o.id, label: o.title }))}
        />
        <Field label={t("framework.indicatorTitle")} meta={fields.title} />
        <Field label={t("indicator.unit")} meta={fields.unit} />
        <Field label={t("indicator.baseline")} meta={fields.baseline} inputMode="decimal" />
        <Field label={t("indicator.target")} meta={fields.target} inputMode="decimal" />
        <SelectField
          label={t("framework.definition")}
          meta={fields.definition}
          hint={
            definition !== "entered"
              ? t(`definitionHints.${definition as (typeof INDICATOR_DEFINITIONS)[number]}`)
              : undefined
          }
          onChange={(event) => setDefinition(event.target.value)}
          options={[...INDICATOR_DEFINITIONS, "entered" as const].map((d) => ({
            value: d,
            label: t(`definitions.${d}`),
          }))}
        />
        {countsWorkshops ? (
          <ChoiceGroup
            legend={t("filters.kinds")}
            meta={fields.kinds}
            hint={definition === "people_trained" ? t("filters.anyKind") : undefined}
          >
            {boxes(
              fields.kinds,
              "kinds",
              WORKSHOP_KINDS.map((k) => ({ value: k, label: tc(`workshopKinds.${k}`) })),
            )}
          </ChoiceGroup>
        ) : null}
        {definition === "people_trained" ? (
          <ChoiceGroup legend={t("filters.categories")} meta={fields.categories} hint={t("filters.anyCategory")}>
            {boxes(
              fields.categories,
              "categories",
              PARTICIPANT_CATEGORIES.map((c) => ({ value: c, label: tw(`categories.${c}`) })),
            )}
          </ChoiceGroup>
        ) : null}
        {definition === "milestones_completed" ? (
          <ChoiceGroup legend={t("filters.stages")} meta={fields.stageCodes}>
            {boxes(
              fields.stageCodes,
              "stageCodes",
              stages.map((s) => ({ value: s.code, label: stageName(s.code) })),
            )}
          </ChoiceGroup>
        ) : null}
        {definition !== "entered" ? (
          <>
            <SelectField
              label={t("filters.countries")}
              meta={fields.countryScope}
              options={[
                { value: "any", label: t("filters.anyCountry") },
                { value: "chosen", label: t("filters.projectCountries") },
              ]}
            />
            <ChoiceGroup legend={t("filters.projectCountries")} meta={fields.countryIds}>
              {boxes(
                fields.countryIds,
                "countryIds",
                project.countries.map((c) => ({ value: c.id, label: countryName(c) })),
              )}
            </ChoiceGroup>
          </>
        ) : null}
        <button type="submit">{tc("actions.save")}</button>
      </Form>
    </section>
  );
}
