import { useTranslation } from "react-i18next";
import {
  ACTION_ITEM_STATUSES,
  MILESTONE_STATUSES,
  parseWord,
  PLAN_STATUSES,
  type ActionItemStatus,
  type MilestoneStatus,
  type PlanStatus,
} from "~/domain/vocabulary";

const PLAN: Record<PlanStatus, string> = { endorsed: "badge-ok", submitted: "badge-info", draft: "badge-neutral" };
const ITEM: Record<ActionItemStatus, string> = {
  done: "badge-ok",
  on_track: "badge-info",
  at_risk: "badge-warn",
  delayed: "badge-danger",
  not_started: "badge-neutral",
};
const MILESTONE: Record<MilestoneStatus, string> = {
  completed: "badge-ok",
  in_progress: "badge-info",
  blocked: "badge-danger",
  not_started: "badge-neutral",
};

/** Status words on a tinted badge: the word carries the meaning, the colour only helps. */
export function PlanStatusBadge({ status, returned = false }: { status: string; returned?: boolean }) {
  const { t } = useTranslation();
  const word = parseWord(PLAN_STATUSES, status);
  const badge = <span className={`badge ${PLAN[word]}`}>{t(`planStatuses.${word}`)}</span>;
  if (!returned) return badge;
  // A draft sent back by a reviewer is waiting on its country, which a plain "Draft" would hide.
  return (
    <>
      {badge} <span className="badge badge-warn">{t("planReturned")}</span>
    </>
  );
}

export function ActionItemStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const word = parseWord(ACTION_ITEM_STATUSES, status);
  return <span className={`badge ${ITEM[word]}`}>{t(`actionItemStatuses.${word}`)}</span>;
}

export function MilestoneStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const word = parseWord(MILESTONE_STATUSES, status);
  return <span className={`badge ${MILESTONE[word]}`}>{t(`milestoneStatuses.${word}`)}</span>;
}
