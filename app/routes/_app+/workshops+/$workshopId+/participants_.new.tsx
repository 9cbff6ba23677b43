import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { ParticipantForm } from "~/components/participant-form";
import { ParticipantSchema } from "~/forms/participant";
import type { FormDefaults } from "~/forms/use-app-form";
import { getTranslate } from "~/i18n/translate.server";
import { listCountries } from "~/models/country.server";
import { addParticipant, searchDirectoryForParticipants } from "~/models/participant.server";
import { workshopAccess } from "~/models/workshop.server";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import styles from "~/styles/participants.css?url";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("participants:addForm.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  await workshopAccess(user, workshopId, "manage");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const [countries, people] = await Promise.all([
    listCountries(),
    q ? searchDirectoryForParticipants(workshopId, q) : Promise.resolve([]),
  ]);
  return { countries, people, q };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  await workshopAccess(user, workshopId, "manage");
  const submission = await parseSubmission(request, await readFormData(request), ParticipantSchema);
  if (submission.status !== "success") return invalidReply(submission);
  let name: string;
  try {
    ({ name } = await addParticipant(workshopId, submission.value, { actorId: user.id, requestId: context.requestId }));
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/workshops/${workshopId}/participants`, {
    kind: "success",
    message: t("participants:added", { name }),
  });
}

export default function AddParticipant() {
  const { countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const search = useFetcher<typeof loader>();
  const { t } = useTranslation("participants");
  const { t: tc } = useTranslation("common");
  // Choosing a person from the directory fills the form in again (a new form, keyed on the choice).
  const [filled, setFilled] = useState<{ key: number; values: FormDefaults<typeof ParticipantSchema> }>({
    key: 0,
    values: {},
  });
  const [linked, setLinked] = useState<{ id: string; name: string } | null>(null);
  useEffect(() => {
    if (filled.key > 0)
      document.getElementById("participant-form")?.querySelector<HTMLInputElement>("input[name=name]")?.focus();
  }, [filled.key]);
  const people = search.data?.people ?? [];
  const searched = Boolean(search.data?.q);

  return (
    <div className="page-narrow">
      <h2>{t("addForm.title")}</h2>
      <section className="card" aria-labelledby="directory-heading">
        <h3 id="directory-heading">{t("addForm.fromDirectory")}</h3>
        <search.Form method="get" role="search" className="directory-search">
          <div className="field search-field">
            <label htmlFor="directory-q">{t("addForm.directorySearch")}</label>
            <input
              id="directory-q"
              name="q"
              type="search"
              minLength={2}
              maxLength={100}
              autoComplete="off"
              aria-describedby="directory-q-hint"
              onChange={(e) => {
                if (e.currentTarget.value.trim().length >= 2) search.submit(e.currentTarget.form);
              }}
            />
            <p className="field-hint" id="directory-q-hint">
              {t("addForm.directoryHint")}
            </p>
          </div>
          <button type="submit" className="button-secondary">
            {tc("actions.search")}
          </button>
        </search.Form>
        <div aria-live="polite">
          {search.state === "loading" ? <p className="muted small">{t("addForm.searching")}</p> : null}
          {searched && people.length === 0 && search.state === "idle" ? (
            <p className="empty">{t("addForm.noPeople")}</p>
          ) : null}
          {people.length > 0 ? (
            <ul className="list directory-results">
              {people.map((person) => (
                <li key={person.id} className="directory-result">
                  <div>
                    <strong>{person.name}</strong>{" "}
                    {person.country ? <span className="country-code">{person.country.code}</span> : null}
                    <div className="small muted">
                      {[person.organisation?.acronym ?? person.organisation?.name, person.email]
                        .filter(Boolean)
                        .join(" · ")}
                    </div>
                  </div>
                  {person.alreadyParticipant ? (
                    <span className="badge badge-neutral">{t("addForm.alreadyListed")}</span>
                  ) : (
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t("addForm.choose", { name: person.name })}
                      onClick={() => {
                        setLinked({ id: person.id, name: person.name });
                        setFilled((previous) => ({
                          key: previous.key + 1,
                          values: {
                            name: person.name,
                            email: person.email,
                            category: person.suggestedCategory,
                            countryId: person.country?.id ?? "",
                            organisationName: person.organisation?.name ?? "",
                            sex: person.sex ?? "undisclosed",
                          },
                        }));
                      }}
                    >
                      {t("addForm.chooseShort")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="details-heading">
        <h3 id="details-heading">{t("addForm.byHand")}</h3>
        <p className="muted small">{t("addForm.byHandHint")}</p>
        <ParticipantForm
          key={filled.key}
          defaultValue={filled.values}
          lastResult={filled.key === 0 ? actionData?.result : null}
          countries={countries}
          submitLabel={t("addForm.submit")}
        >
          {linked ? (
            <p className="notice cluster">
              <span>{t("addForm.fromDirectoryNote", { name: linked.name })}</span>
              <button type="button" className="button-link" onClick={() => setLinked(null)}>
                {t("addForm.unlink")}
              </button>
            </p>
          ) : null}
          <input type="hidden" name="userId" value={linked?.id ?? ""} />
        </ParticipantForm>
      </section>
    </div>
  );
}
