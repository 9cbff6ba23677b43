import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/forms";
import { MilestoneStatusBadge } from "~/components/status-badges";
import { MILESTONE_STATUSES } from "~/domain/vocabulary";
import { MilestoneStatusSchema } from "~/forms/milestone";
import { useFetcherForm } from "~/forms/use-app-form";
import type { countryWork } from "~/models/country-work.server";
import { useSectorName, useStageName } from "~/i18n/names";
import { useRootData } from "~/root";
import { CardUpdateForm } from "./__home-items";
import { formatDay } from "~/utils/format";

type Milestone = Awaited<ReturnType<typeof countryWork>>["countries"][number]["milestones"][number];

/** Milestones as cards, each with its status change (and a comment) in place when the person may make it. */
export function MilestoneList({ milestones }: { milestones: Milestone[] }) {
  return (
    <ul className="work-list">
      {milestones.map((m) => (
        // A new version (saved here or elsewhere) starts the form again from what is stored.
        <MilestoneCard key={`${m.id}-${new Date(m.updatedAt).getTime()}`} milestone={m} />
      ))}
    </ul>
  );
}

function MilestoneCard({ milestone: m }: { milestone: Milestone }) {
  const { t } = useTranslation("home");
  const { t: tp } = useTranslation("plans");
  const locale = useRootData()?.locale ?? "en";
  const headingId = `milestone-${m.id}`;
  const sectorName = useSectorName();
  const stage = useStageName()(m.stage.code);
  return (
    <li className={m.overdue ? "work-card overdue" : "work-card"} aria-labelledby={headingId}>
      <div className="work-card-summary">
        <h3 id={headingId} className="work-card-title">
          <Link
            to={`/milestones/${m.id}`}
          >{`${m.sector ? sectorName(m.sector) : t("milestones.countryLevel")} · ${stage}`}</Link>
        </h3>
        <p className="work-card-facts small">
          <span>
            {m.targetOn ? t("milestones.target", { date: formatDay(m.targetOn, locale) }) : t("milestones.noTarget")}
          </span>
          {m.overdue ? <span className="badge badge-warn">{tp("overdue")}</span> : null}
          <MilestoneStatusBadge status={m.status} />
        </p>
      </div>
      {m.canUpdate ? <MilestoneStatusForm milestone={m} /> : null}
    </li>
  );
}

function MilestoneStatusForm({ milestone: m }: { milestone: Milestone }) {
  const { t } = useTranslation("home");
  const { t: tc } = useTranslation("common");
  const updater = useFetcherForm(MilestoneStatusSchema, {
    id: `status-${m.id}`,
    match: { intent: "milestone-status", milestoneId: m.id },
    defaultValue: { status: m.status },
  });
  const { fields } = updater;
  return (
    <CardUpdateForm
      updater={updater}
      hidden={{
        intent: "milestone-status",
        milestoneId: m.id,
        seenUpdatedAt: new Date(m.updatedAt).toISOString(),
      }}
    >
      <SelectField
        label={t("update.status")}
        meta={fields.status}
        options={MILESTONE_STATUSES.map((s) => ({ value: s, label: tc(`milestoneStatuses.${s}`) }))}
      />
      <Field label={t("update.comment")} meta={fields.note} className="work-card-note-field" />
    </CardUpdateForm>
  );
}
