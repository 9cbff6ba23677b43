import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/forms";
import { PARTICIPANT_CATEGORIES, REGISTRATION_STATUSES, SEXES } from "~/domain/vocabulary";
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

export type ParticipantValues = {
  name: string;
  email: string;
  category: string;
  countryId: string;
  organisationName: string;
  sex: string;
  registrationStatus: string;
};

/**
 * The fields of a participant, for adding and editing. Controlled when
 * `onChange` is given (adding from the directory fills them in), otherwise
 * plain defaults.
 */
export function ParticipantFields({
  values,
  errors,
  countries,
  onChange,
}: {
  values: ParticipantValues;
  errors?: Record<string, string>;
  countries: { id: string; name: string }[];
  onChange?: (field: keyof ParticipantValues, value: string) => void;
}) {
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const bind = (field: keyof ParticipantValues) =>
    onChange
      ? { value: values[field], onChange: (e: { target: { value: string } }) => onChange(field, e.target.value) }
      : { defaultValue: values[field] };
  return (
    <div className="participant-fields">
      <Field
        label={t("name")}
        name="name"
        required
        maxLength={160}
        autoComplete="off"
        error={errors?.name}
        {...bind("name")}
      />
      <Field
        label={t("email")}
        name="email"
        type="email"
        maxLength={254}
        autoComplete="off"
        hint={t("editForm.emailHint")}
        error={errors?.email}
        {...bind("email")}
      />
      <SelectField
        label={t("category")}
        name="category"
        error={errors?.category}
        options={PARTICIPANT_CATEGORIES.map((c) => ({ value: c, label: tw(`categories.${c}`) }))}
        {...bind("category")}
      />
      <SelectField
        label={t("country")}
        name="countryId"
        error={errors?.countryId}
        options={[{ value: "", label: t("noCountry") }, ...countries.map((c) => ({ value: c.id, label: c.name }))]}
        {...bind("countryId")}
      />
      <Field
        label={t("organisation")}
        name="organisationName"
        maxLength={200}
        error={errors?.organisationName}
        {...bind("organisationName")}
      />
      <SelectField
        label={t("sex")}
        name="sex"
        error={errors?.sex}
        options={SEXES.map((s) => ({ value: s, label: tc(`sexes.${s}`) }))}
        {...bind("sex")}
      />
      <SelectField
        label={t("status")}
        name="registrationStatus"
        error={errors?.registrationStatus}
        options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        {...bind("registrationStatus")}
      />
    </div>
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
