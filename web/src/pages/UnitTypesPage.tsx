import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  SuccessBanner,
  TableWrapper,
  Tag,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const FIELD_IDS = { code: "unit-code", name: "unit-name", description: "unit-description" };

export function UnitTypesPage() {
  useTitle("Organisation unit types", "Admin");
  const { can } = useSession();
  const types = useAsync(() => api.unitTypes(), []);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (code.trim() === "") fields["unit-code"] = "Enter a code for the unit type";
    else if (!/^[A-Z][A-Z0-9_]{1,19}$/.test(code.trim()))
      fields["unit-code"] =
        "The code must be 2 to 20 capital letters, digits or underscores, starting with a letter";
    if (name.trim() === "") fields["unit-name"] = "Enter a name for the unit type";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      const created = await api.createUnitType({
        code: code.trim(),
        name: name.trim(),
        description: description.trim(),
      });
      setAdded(created?.name ?? name.trim());
      setErrors(noErrors);
      setCode("");
      setName("");
      setDescription("");
      types.reload();
    } catch (error) {
      setErrors(formErrorsFrom(error, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/admin", text: "Admin" },
        ]}
      />
      {added ? (
        <SuccessBanner key={added}>
          <p className="govuk-notification-banner__heading">The unit type “{added}” has been added.</p>
        </SuccessBanner>
      ) : null}
      <h1 className="govuk-heading-l">Organisation unit types</h1>
      <p className="govuk-body">
        The kinds of unit that forces and ROCUs are organised into, such as a cyber crime unit or a regional
        asset recovery team. Built-in types come with ROCU Hub and cannot be changed.
      </p>
      {types.error ? <LoadError error={types.error} retry={types.reload} /> : null}
      {types.loading && !types.data ? <Loading what="Loading unit types" /> : null}
      {types.data ? (
        types.data.items.length === 0 ? (
          <p className="govuk-body">There are no unit types yet. Add the first one below.</p>
        ) : (
          <TableWrapper label="Unit types">
            <table className="govuk-table rocu-table--dense rocu-table--stack">
              <caption className="govuk-table__caption govuk-table__caption--s">
                {types.data.items.length} unit types
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Code
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Description
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Source
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {types.data.items.map((type) => (
                  <tr className="govuk-table__row" key={type.code}>
                    <td data-label="Code" className="govuk-table__cell">
                      <code className="rocu-code">{type.code}</code>
                    </td>
                    <th scope="row" className="govuk-table__header">
                      {type.name}
                    </th>
                    <td data-label="Description" className="govuk-table__cell">
                      {type.description || <span className="rocu-muted">No description</span>}
                    </td>
                    <td data-label="Source" className="govuk-table__cell">
                      {type.builtIn ? <Tag colour="grey">Built in</Tag> : <Tag colour="blue">Added</Tag>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrapper>
        )
      ) : null}

      {can("reference.manage") ? (
        <section aria-labelledby="add-heading" className="rocu-section">
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <h2 className="govuk-heading-m" id="add-heading">
                Add a unit type
              </h2>
              <form onSubmit={submit} noValidate aria-labelledby="add-heading">
                <FormErrorSummary errors={errors} />
                <TextInput
                  id="unit-code"
                  label="Code"
                  hint="2 to 20 capital letters, digits or underscores, starting with a letter, for example DMU"
                  spellCheck={false}
                  value={code}
                  onChange={(value) => setCode(value.toUpperCase())}
                  error={errors.fields["unit-code"]}
                  width="10"
                />
                <TextInput
                  id="unit-name"
                  label="Name"
                  value={name}
                  onChange={setName}
                  error={errors.fields["unit-name"]}
                  width="30"
                />
                <Textarea
                  id="unit-description"
                  label="Description (optional)"
                  value={description}
                  onChange={setDescription}
                  error={errors.fields["unit-description"]}
                />
                <button type="submit" className="govuk-button" disabled={busy}>
                  Add unit type
                </button>
              </form>
            </div>
          </div>
        </section>
      ) : null}
    </>
  );
}
