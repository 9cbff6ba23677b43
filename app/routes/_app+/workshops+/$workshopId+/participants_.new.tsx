import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { FormError } from "~/components/forms";
import { ParticipantFields, type ParticipantValues } from "~/components/participant-fields";
import { getTranslate } from "~/i18n/translate.server";
import { listCountries } from "~/models/country.server";
import {
  addParticipant,
  countryExists,
  ParticipantError,
  ParticipantFormSchema,
  searchDirectoryForParticipants,
} from "~/models/participant.server";
import { workshopAccess } from "~/models/workshop.server";
import { parseForm, readFormData } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import styles from "~/styles/participants.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Add participant · FocalPoint" }];

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
  const t = await getTranslate(request);
  const form = await parseForm(request, ParticipantFormSchema, await readFormData(request));
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, formError: null as string | null }, { status: 400 });
  if (!(await countryExists(form.data.countryId)))
    return data(
      { fieldErrors: { countryId: t("participants:errors.unknownCountry") }, formError: null },
      { status: 400 },
    );
  try {
    const participant = await addParticipant(workshopId, form.data, { actorId: user.id, requestId: context.requestId });
    return redirectWithToast(`/workshops/${workshopId}/participants`, {
      kind: "success",
      message: t("participants:added", { name: participant.name }),
    });
  } catch (error) {
    if (error instanceof ParticipantError) {
      return data(
        error.field === "userId"
          ? { fieldErrors: {}, formError: t(error.messageKey) }
          : { fieldErrors: { [error.field]: t(error.messageKey) }, formError: null },
        { status: 400 },
      );
    }
    throw error;
  }
}

const EMPTY: ParticipantValues = {
  name: "",
  email: "",
  category: "focal_point",
  countryId: "",
  organisationName: "",
  sex: "undisclosed",
  registrationStatus: "invited",
};

export default function AddParticipant() {
  const { countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const search = useFetcher<typeof loader>();
  const { t } = useTranslation("participants");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  const [values, setValues] = useState<ParticipantValues>(EMPTY);
  const [linked, setLinked] = useState<{ id: string; name: string } | null>(null);
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
                        setValues({
                          name: person.name,
                          email: person.email,
                          category: person.suggestedCategory,
                          countryId: person.country?.id ?? "",
                          organisationName: person.organisation?.name ?? "",
                          sex: person.sex ?? "undisclosed",
                          registrationStatus: values.registrationStatus,
                        });
                        document
                          .getElementById("participant-form")
                          ?.querySelector<HTMLInputElement>("input[name=name]")
                          ?.focus();
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
        <FormError>{actionData?.formError}</FormError>
        <Form method="post" id="participant-form" noValidate>
          {linked ? (
            <p className="notice cluster">
              <span>{t("addForm.fromDirectoryNote", { name: linked.name })}</span>
              <button type="button" className="button-link" onClick={() => setLinked(null)}>
                {t("addForm.unlink")}
              </button>
            </p>
          ) : null}
          <input type="hidden" name="userId" value={linked?.id ?? ""} />
          <ParticipantFields
            values={values}
            errors={actionData?.fieldErrors}
            countries={countries}
            onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
          />
          <div className="form-actions">
            <button type="submit" disabled={submitting}>
              {t("addForm.submit")}
            </button>
            <Link to=".." relative="path" className="button button-ghost">
              {tc("actions.cancel")}
            </Link>
          </div>
        </Form>
      </section>
    </div>
  );
}
