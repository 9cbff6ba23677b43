import { useTranslation } from "react-i18next";

const PLAN: Record<string, string> = { endorsed: "badge-ok", submitted: "badge-info", draft: "badge-neutral" };
const ITEM: Record<string, string> = {
  done: "badge-ok",
  on_track: "badge-info",
  at_risk: "badge-warn",
  delayed: "badge-danger",
  not_started: "badge-neutral",
};
const MILESTONE: Record<string, string> = {
  completed: "badge-ok",
  in_progress: "badge-info",
  blocked: "badge-danger",
  not_started: "badge-neutral",
};

/** Status words on a tinted badge: the word carries the meaning, the colour only helps. */
export function PlanStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${PLAN[status] ?? "badge-neutral"}`}>{t(`planStatuses.${status as "draft"}`)}</span>;
}

export function ActionItemStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${ITEM[status] ?? "badge-neutral"}`}>{t(`actionItemStatuses.${status as "done"}`)}</span>
  );
}

export function MilestoneStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${MILESTONE[status] ?? "badge-neutral"}`}>
      {t(`milestoneStatuses.${status as "completed"}`)}
    </span>
  );
}
