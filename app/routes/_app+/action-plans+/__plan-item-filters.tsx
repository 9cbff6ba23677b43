import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";

/** Filter and sort the action items; kept in the URL so a view can be shared. */
export function ItemFilters() {
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const [params] = useSearchParams();
  return (
    <Form method="get" className="filters no-print" preventScrollReset>
      <FilterSelect
        name="status"
        label={t("status")}
        anyLabel={t("itemForm.anyStatus")}
        value={params.get("status")}
        options={ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: tc(`actionItemStatuses.${s}`) }))}
      />
      <div className="field">
        <label htmlFor="item-sort">{t("itemForm.sort")}</label>
        <select id="item-sort" name="sort" defaultValue={params.get("sort") ?? "plan"}>
          <option value="plan">{t("itemForm.sortPlan")}</option>
          <option value="due">{t("itemForm.sortDue")}</option>
          <option value="status">{t("itemForm.sortStatus")}</option>
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="overdue" value="1" defaultChecked={params.get("overdue") === "1"} />
        {t("itemForm.onlyOverdue")}
      </label>
      <button type="submit" className="button-secondary">
        {t("itemForm.apply")}
      </button>
    </Form>
  );
}
