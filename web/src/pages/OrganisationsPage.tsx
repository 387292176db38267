import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type Force, type Organisation } from "../api.ts";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  Radios,
  Select,
  SuccessBanner,
  TableWrapper,
  TextInput,
} from "../components/govuk.tsx";
import { kindLabel } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

// The kind's error links to its first radio, as GOV.UK error summaries do.
const FIELD_IDS = {
  name: "organisation-name",
  kind: "organisation-kind-opcc",
  forceId: "organisation-force",
};
const KIND_ORDER = ["national", "rocu", "force", "opcc", "csp"];
const ADDABLE_KINDS = [
  {
    value: "opcc",
    label: kindLabel("opcc"),
    hint: "Decides funding for its force area; a force area has one.",
  },
  { value: "csp", label: kindLabel("csp"), hint: "Bids for funding; a force area may have several." },
];

const byKindThenName = (a: Organisation, b: Organisation) =>
  KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, "en-GB");

export function OrganisationsPage() {
  useTitle("Organisations", "Admin");
  const { can } = useSession();
  const [params] = useSearchParams();
  const kindFilter = params.get("kind") ?? "";
  const organisations = useAsync(() => api.organisations(), []);
  const forces = useAsync(() => api.forces(), []);
  const forceNames = new Map((forces.data?.items ?? []).map((force) => [force.id, force.name]));
  const shown = (organisations.data?.items ?? [])
    .filter((organisation) => kindFilter === "" || organisation.kind === kindFilter)
    .sort(byKindThenName);

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/admin", text: "Admin" },
        ]}
      />
      <AddedBanner />
      <h1 className="govuk-heading-l">Organisations</h1>
      <p className="govuk-body">
        The organisations users belong to. Forces, ROCUs and national bodies come with ROCU Hub.
        Administrators add the commissioners' offices that decide funding and the Community Safety
        Partnerships that bid for it.
      </p>
      <nav className="rocu-choice-links" aria-label="Show organisations of a kind">
        <span className="govuk-body-s govuk-!-font-weight-bold">Show:</span>
        <ul className="rocu-choice-links__list">
          {["", ...KIND_ORDER].map((kind) => (
            <li key={kind}>
              <Link
                className="govuk-link"
                to={kind === "" ? "?" : `?kind=${kind}`}
                aria-current={kind === kindFilter ? "true" : undefined}
              >
                {kind === "" ? "All kinds" : kindLabel(kind)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {organisations.error ? <LoadError error={organisations.error} retry={organisations.reload} /> : null}
      {organisations.loading && !organisations.data ? <Loading what="Loading organisations" /> : null}
      {organisations.data ? (
        <TableWrapper label="Organisations">
          <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="organisations">
            <caption className="govuk-table__caption govuk-table__caption--s">
              {shown.length} {shown.length === 1 ? "organisation" : "organisations"}
              {kindFilter ? ` (${kindLabel(kindFilter)}), by name` : ", by kind then name"}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Kind
                </th>
                <th scope="col" className="govuk-table__header">
                  Force area
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {shown.map((organisation) => (
                <tr className="govuk-table__row" key={organisation.id}>
                  <th scope="row" className="govuk-table__header">
                    {organisation.name}
                  </th>
                  <td data-label="Kind" className="govuk-table__cell">
                    {kindLabel(organisation.kind)}
                  </td>
                  <td data-label="Force area" className="govuk-table__cell">
                    {organisation.forceId ? (
                      (forceNames.get(organisation.forceId) ?? organisation.forceId)
                    ) : (
                      <span className="rocu-muted">None</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrapper>
      ) : null}
      {can("reference.manage") ? (
        <AddOrganisationForm forces={forces.data?.items ?? []} onAdded={organisations.reload} />
      ) : null}
    </>
  );
}

function AddedBanner() {
  const [params] = useSearchParams();
  const added = params.get("added");
  return added ? (
    <SuccessBanner key={added}>
      <p className="govuk-notification-banner__heading">{added} has been added.</p>
    </SuccessBanner>
  ) : null;
}

function AddOrganisationForm({ forces, onAdded }: { forces: Force[]; onAdded: () => void }) {
  const [, setParams] = useSearchParams();
  const [name, setName] = useState("");
  const [kind, setKind] = useState("");
  const [forceId, setForceId] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (name.trim() === "") fields[FIELD_IDS.name] = "Enter the organisation's name";
    const chosenKind = kind === "opcc" || kind === "csp" ? kind : null;
    if (chosenKind === null)
      fields[FIELD_IDS.kind] =
        "Choose whether it is a commissioner's office or a Community Safety Partnership";
    if (forceId === "") fields[FIELD_IDS.forceId] = "Choose the force area it belongs to";
    if (Object.keys(fields).length > 0 || chosenKind === null) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      const created = await api.createOrganisation({ name: name.trim(), kind: chosenKind, forceId });
      setErrors(noErrors);
      setName("");
      setKind("");
      setForceId("");
      setParams({ added: created?.name ?? name.trim() });
      onAdded();
    } catch (error) {
      setErrors(formErrorsFrom(error, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="add-heading" className="rocu-section">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" id="add-heading">
            Add an organisation
          </h2>
          <form onSubmit={submit} noValidate aria-labelledby="add-heading">
            <FormErrorSummary errors={errors} />
            <TextInput
              id={FIELD_IDS.name}
              label="Name"
              hint="As the organisation names itself, for example Office of the Police and Crime Commissioner for Staffordshire"
              value={name}
              onChange={setName}
              error={errors.fields[FIELD_IDS.name]}
            />
            <Radios
              idPrefix="organisation-kind"
              legend="Kind"
              options={ADDABLE_KINDS}
              value={kind}
              onChange={setKind}
              error={errors.fields[FIELD_IDS.kind]}
            />
            <Select
              id={FIELD_IDS.forceId}
              label="Force area"
              placeholder="Choose a force area"
              options={forces.map((force) => ({ value: force.id, label: force.name }))}
              value={forceId}
              onChange={setForceId}
              error={errors.fields[FIELD_IDS.forceId]}
            />
            <button type="submit" className="govuk-button" disabled={busy}>
              Add organisation
            </button>
          </form>
        </div>
      </div>
    </section>
  );
}
