import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";

type Badge = {
  name: string;
  organisationName: string;
  category: string;
  country: { code: string; name: string } | null;
  code: string;
  /** the badge's QR code as SVG, made on the server from the badge URL alone */
  qrSvg: string;
};
type BadgeWorkshop = { title: string; startsOn: string; endsOn: string; city: string };

/** One name badge (A6), as printed by the organisers and as a participant sees their own. */
export function NameBadge({ badge, workshop }: { badge: Badge; workshop: BadgeWorkshop }) {
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const dates =
    workshop.startsOn === workshop.endsOn
      ? formatDay(workshop.startsOn, locale)
      : `${formatDay(workshop.startsOn, locale)} – ${formatDay(workshop.endsOn, locale)}`;
  return (
    <article className="name-badge" aria-label={t("badge.one", { name: badge.name })}>
      <header className="name-badge-event">
        <strong>{workshop.title}</strong>
        <span>
          {dates}
          {workshop.city ? ` · ${workshop.city}` : ""}
        </span>
      </header>
      <div className="name-badge-person">
        <p className="name-badge-name">{badge.name}</p>
        {badge.organisationName ? <p className="name-badge-org">{badge.organisationName}</p> : null}
        <p className="name-badge-meta">
          {badge.country ? <span className="country-code">{badge.country.code}</span> : null}{" "}
          {badge.country ? countryName(badge.country) : ""}
        </p>
        <p className="name-badge-category">{tw(`categories.${badge.category as "focal_point"}`)}</p>
      </div>
      <figure className="name-badge-qr">
        <div
          role="img"
          aria-label={t("badge.qrAlt", { name: badge.name })}
          dangerouslySetInnerHTML={{ __html: badge.qrSvg }}
        />
        <figcaption>
          <span className="visually-hidden">{t("badge.codeLabel")}: </span>
          <code>{badge.code}</code>
        </figcaption>
      </figure>
    </article>
  );
}
