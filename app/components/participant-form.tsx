import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrorSummary, SelectField } from "~/components/forms";
import { PARTICIPANT_CATEGORIES, REGISTRATION_STATUSES, SEXES } from "~/domain/vocabulary";
import { ParticipantSchema } from "~/forms/participant";
import { useAppForm, type FormDefaults } from "~/forms/use-app-form";
import { formatDay } from "~/utils/format";

const STATUS_TONE: Record<string, string> = {
  registered: "badge-ok",
  invited: "badge-info",
  waitlisted: "badge-warn",
  declined: "badge-neutral",
};

/** A participant's registration status, in words (the colour only repeats them). */
export function RegistrationStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("participants");
  return (
    <span className={`badge ${STATUS_TONE[status] ?? "badge-neutral"}`}>{t(`statuses.${status as "invited"}`)}</span>
  );
}

/**
 * A participant's details, for adding and editing, checked on the page and by
 * the action with ParticipantSchema. `children` go first inside the form (the
 * page's own notices and hidden fields).
 */
export function ParticipantForm({
  defaultValue,
  lastResult,
  countries,
  submitLabel,
  children,
}: {
  defaultValue?: FormDefaults<typeof ParticipantSchema>;
  lastResult?: SubmissionResult<string[]> | null;
  countries: { id: string; name: string }[];
  submitLabel: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(ParticipantSchema, {
    id: "participant-form",
    lastResult,
    defaultValue: { category: "focal_point", sex: "undisclosed", registrationStatus: "invited", ...defaultValue },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary form={form} />
      {children}
      <div className="participant-fields">
        <Field label={t("name")} meta={fields.name} autoComplete="off" />
        <Field label={t("email")} meta={fields.email} type="email" autoComplete="off" hint={t("editForm.emailHint")} />
        <SelectField
          label={t("category")}
          meta={fields.category}
          options={PARTICIPANT_CATEGORIES.map((c) => ({ value: c, label: tw(`categories.${c}`) }))}
        />
        <SelectField
          label={t("country")}
          meta={fields.countryId}
          options={[{ value: "", label: t("noCountry") }, ...countries.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <Field label={t("organisation")} meta={fields.organisationName} />
        <SelectField
          label={t("sex")}
          meta={fields.sex}
          options={SEXES.map((s) => ({ value: s, label: tc(`sexes.${s}`) }))}
        />
        <SelectField
          label={t("status")}
          meta={fields.registrationStatus}
          options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
      </div>
      <div className="form-actions">
        <button type="submit" name="intent" value="save" disabled={submitting}>
          {submitLabel}
        </button>
        <Link to=".." relative="path" className="button button-ghost">
          {tc("actions.cancel")}
        </Link>
      </div>
    </Form>
  );
}

type OwnBadge = {
  workshop: { id: string; title: string; startsOn: string; endsOn: string; city: string };
  registrationStatus: string;
  qrSvg: string | null;
  code: string | null;
};

/** A person's coming workshops with the badge QR code they show at check-in (their account page). */
export function OwnWorkshopBadges({ badges, locale }: { badges: OwnBadge[]; locale: string }) {
  const { t } = useTranslation("participants");
  return (
    <section className="card own-badges" id="my-workshops" aria-labelledby="my-workshops-heading">
      <h2 id="my-workshops-heading">{t("account.title")}</h2>
      {badges.length === 0 ? (
        <p className="empty">{t("account.none")}</p>
      ) : (
        <>
          <p className="muted small">{t("account.intro")}</p>
          <ul className="list own-badge-list">
            {badges.map((b) => (
              <li key={b.workshop.id} className="own-badge">
                <div>
                  <Link to={`/workshops/${b.workshop.id}/participants`}>
                    <strong>{b.workshop.title}</strong>
                  </Link>
                  <div className="small muted">
                    {formatDay(b.workshop.startsOn, locale)}
                    {b.workshop.endsOn !== b.workshop.startsOn ? ` – ${formatDay(b.workshop.endsOn, locale)}` : ""}
                    {b.workshop.city ? ` · ${b.workshop.city}` : ""}
                  </div>
                  <RegistrationStatusBadge status={b.registrationStatus} />
                  {b.registrationStatus === "invited" ? (
                    <p className="small">
                      <Link to={`/workshops/${b.workshop.id}/participants#own-registration`}>
                        {t("account.answer")}
                      </Link>
                    </p>
                  ) : null}
                </div>
                {b.qrSvg ? (
                  <figure className="own-badge-qr">
                    <div
                      role="img"
                      aria-label={t("badge.qrAlt", { name: b.workshop.title })}
                      dangerouslySetInnerHTML={{ __html: b.qrSvg }}
                    />
                    <figcaption>
                      <span className="visually-hidden">{t("badge.codeLabel")}: </span>
                      <code>{b.code}</code>
                    </figcaption>
                  </figure>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
