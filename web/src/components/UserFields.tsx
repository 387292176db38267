import { api, CLEARANCES, type Organisation, ROLES, SCOPES } from "../api.ts";
import { kindLabel, roleLabel, scopeLabel } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { Checkboxes, type OptionGroup, Radios, Select } from "./govuk.tsx";

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: roleLabel(role) }));
export const SCOPE_OPTIONS = SCOPES.map((scope) => ({ value: scope, label: scopeLabel(scope, true) }));
export const CLEARANCE_OPTIONS = CLEARANCES.map((clearance) => ({ value: clearance, label: clearance }));

/** Ids of the controls, by the API body field they set (for linking API field errors). */
export const USER_FIELD_IDS: Record<string, string> = {
  name: "name",
  email: "email",
  organisationId: "organisationId",
  roles: "roles-admin",
  scope: "scope-force",
  clearance: "clearance-OFFICIAL",
  password: "password",
};

const KIND_ORDER = ["national", "rocu", "force", "opcc", "csp"] as const;
const KIND_GROUP: Record<string, string> = {
  national: "National bodies",
  rocu: "Regional organised crime units",
  force: "Police forces",
  opcc: "Offices of the Police and Crime Commissioner",
  csp: "Community Safety Partnerships",
};

export function organisationGroups(items: Organisation[]): OptionGroup[] {
  const groups: OptionGroup[] = [];
  for (const kind of KIND_ORDER) {
    const options = items
      .filter((item) => item.kind === kind)
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
      .map((item) => ({ value: item.id, label: item.name }));
    if (options.length > 0) groups.push({ label: KIND_GROUP[kind] ?? kindLabel(kind), options });
  }
  const others = items.filter((item) => !KIND_ORDER.includes(item.kind));
  if (others.length > 0)
    groups.push({ label: "Other", options: others.map((item) => ({ value: item.id, label: item.name })) });
  return groups;
}

export function useOrganisations() {
  return useAsync(() => api.organisations(), []);
}

export interface UserFormValues {
  name: string;
  organisationId: string;
  roles: string[];
  scope: string;
  clearance: string;
}

/** The fields shared by the create and edit forms (everything but email and password). */
export function UserAccessFields({
  values,
  onChange,
  errors,
  organisations,
}: {
  values: UserFormValues;
  onChange: (values: UserFormValues) => void;
  errors: Record<string, string>;
  organisations: Organisation[];
}) {
  return (
    <>
      <Select
        id="organisationId"
        label="Organisation"
        hint="The force, ROCU or national body the user works for"
        value={values.organisationId}
        onChange={(organisationId) => onChange({ ...values, organisationId })}
        placeholder="Choose an organisation"
        groups={organisationGroups(organisations)}
        error={errors.organisationId}
      />
      <Checkboxes
        idPrefix="roles"
        legend="Roles"
        hint="Select all that apply"
        options={ROLE_OPTIONS}
        values={values.roles}
        onChange={(roles) => onChange({ ...values, roles })}
        error={errors["roles-admin"]}
        small
      />
      <Radios
        idPrefix="scope"
        legend="Scope"
        hint="Which forces’ records the user can see"
        options={SCOPE_OPTIONS}
        value={values.scope}
        onChange={(scope) => onChange({ ...values, scope })}
        error={errors["scope-force"]}
        small
      />
      <Radios
        idPrefix="clearance"
        legend="Security clearance"
        hint="The highest protective marking the user may see"
        options={CLEARANCE_OPTIONS}
        value={values.clearance}
        onChange={(clearance) => onChange({ ...values, clearance })}
        error={errors["clearance-OFFICIAL"]}
        small
      />
    </>
  );
}

/** Client-side checks shared by create and edit; keyed by control id. */
export function checkAccessFields(values: UserFormValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.name.trim() === "") fields.name = "Enter the user’s full name";
  if (values.organisationId === "") fields.organisationId = "Choose the user’s organisation";
  if (values.roles.length === 0) fields["roles-admin"] = "Select at least one role";
  if (values.scope === "") fields["scope-force"] = "Select the user’s scope";
  if (values.clearance === "") fields["clearance-OFFICIAL"] = "Select the user’s security clearance";
  return fields;
}
