import { type FormEvent, useState } from "react";
import { api, type Token, type TokenScope } from "../api.ts";
import { formatDate } from "../format.ts";
import { useAsync } from "../hooks.ts";
import {
  Checkboxes,
  ConfirmPanel,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  SuccessBanner,
  TableWrapper,
  Tag,
  TextInput,
  WarningText,
} from "./govuk.tsx";

const SCOPE_OPTIONS = [
  { value: "read", label: "Read", hint: "Look up records through the API" },
  { value: "write", label: "Write", hint: "Create and change records through the API" },
];

function StatusTag({ status }: { status: Token["status"] }) {
  if (status === "active") return <Tag colour="green">Active</Tag>;
  if (status === "expired") return <Tag colour="grey">Expired</Tag>;
  return <Tag colour="red">Revoked</Tag>;
}

/** One user's API tokens: list, revoke with confirmation, create with a show-once secret. */
export function TokensSection({
  userId,
  ownerName,
  headingId = "tokens",
}: {
  /** Omit for the signed-in user's own tokens. */
  userId?: string;
  ownerName?: string;
  headingId?: string;
}) {
  const tokens = useAsync(() => api.tokens(userId), [userId]);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["read"]);
  const [days, setDays] = useState("90");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ token: Token; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [revoked, setRevoked] = useState<Token | null>(null);
  const [revokeError, setRevokeError] = useState<FormErrors>(noErrors);

  const whose = ownerName ? `${ownerName}’s` : "Your";

  async function create(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (name.trim() === "") fields["token-name"] = "Enter a name for the token";
    if (scopes.length === 0) fields["token-scopes-read"] = "Select what the token may do";
    const expiresInDays = Number(days);
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1)
      fields["token-expiry"] = "Enter the number of days the token lasts, as a whole number, for example 90";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      const answer = await api.createToken({
        name: name.trim(),
        scopes: scopes as TokenScope[],
        expiresInDays,
        ...(userId ? { userId } : {}),
      });
      setCreated(answer);
      setCopied(false);
      setRevoked(null);
      setErrors(noErrors);
      setName("");
      tokens.reload();
    } catch (error) {
      setErrors(
        formErrorsFrom(error, {
          name: "token-name",
          scopes: "token-scopes-read",
          expiresInDays: "token-expiry",
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: Token) {
    setBusy(true);
    try {
      await api.revokeToken(token.id);
      setRevoking(null);
      setRevoked(token);
      setRevokeError(noErrors);
      tokens.reload();
    } catch (error) {
      setRevokeError(formErrorsFrom(error));
    } finally {
      setBusy(false);
    }
  }

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="rocu-section">
      <h2 className="govuk-heading-m" id={headingId}>
        {whose} API tokens
      </h2>
      <p className="govuk-body">
        API tokens let scripts and other systems use the ROCU Hub API as {ownerName ? "this user" : "you"},
        with no more access than {ownerName ? "they have" : "you have"}.
      </p>

      {created ? (
        <div className="govuk-panel rocu-secret-panel" data-testid="token-secret">
          <h3 className="govuk-heading-m">Copy your new token now</h3>
          <WarningText>
            This is the only time the token “{created.token.name}” will be shown. Store it somewhere safe. If
            you lose it, revoke it and create another.
          </WarningText>
          <p className="govuk-body">
            <label className="govuk-label govuk-label--s" htmlFor="token-secret-value">
              Token
            </label>
            <input
              id="token-secret-value"
              className="govuk-input rocu-code"
              readOnly
              value={created.secret}
              onFocus={(event) => event.target.select()}
            />
          </p>
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => copy(created.secret)}
            >
              Copy token
            </button>
            <button type="button" className="govuk-button" onClick={() => setCreated(null)}>
              I have copied the token
            </button>
          </div>
          <p className="govuk-body" aria-live="polite">
            {copied ? "Copied to the clipboard." : ""}
          </p>
        </div>
      ) : null}

      {revoked ? (
        <SuccessBanner>
          <p className="govuk-notification-banner__heading">The token “{revoked.name}” has been revoked.</p>
        </SuccessBanner>
      ) : null}

      {revoking ? (
        <ConfirmPanel
          heading={`Revoke the token “${revoking.name}”?`}
          confirmText="Revoke token"
          busy={busy}
          onConfirm={() => revoke(revoking)}
          onCancel={() => {
            setRevoking(null);
            setRevokeError(noErrors);
          }}
        >
          <FormErrorSummary errors={revokeError} />
          <p className="govuk-body">
            Anything using the token starting <code className="rocu-code">{revoking.prefix}</code> will stop
            working straight away. You cannot undo this.
          </p>
        </ConfirmPanel>
      ) : null}

      {tokens.loading && !tokens.data ? <Loading what="Loading tokens" /> : null}
      {tokens.error ? <LoadError error={tokens.error} retry={tokens.reload} /> : null}
      {tokens.data ? (
        tokens.data.items.length === 0 ? (
          <p className="govuk-body" data-testid="tokens-empty">
            {ownerName ? "This user has" : "You have"} no API tokens. Create one below when a script or system
            needs to use the API.
          </p>
        ) : (
          <TableWrapper label={`${whose} API tokens`}>
            <table className="govuk-table rocu-table--dense rocu-table--stack">
              <caption className="govuk-table__caption govuk-table__caption--s">
                {whose} API tokens ({tokens.data.items.length})
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Starts with
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Scopes
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Created
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Expires
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Last used
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Status
                  </th>
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {tokens.data.items.map((token) => (
                  <tr className="govuk-table__row" key={token.id}>
                    <th scope="row" className="govuk-table__header">
                      {token.name}
                    </th>
                    <td data-label="Starts with" className="govuk-table__cell">
                      <code className="rocu-code">{token.prefix}</code>
                    </td>
                    <td data-label="Scopes" className="govuk-table__cell">
                      {token.scopes.join(", ")}
                    </td>
                    <td data-label="Created" className="govuk-table__cell">
                      {formatDate(token.createdAt)}
                    </td>
                    <td data-label="Expires" className="govuk-table__cell">
                      {formatDate(token.expiresAt)}
                    </td>
                    <td data-label="Last used" className="govuk-table__cell">
                      {formatDate(token.lastUsedAt)}
                    </td>
                    <td data-label="Status" className="govuk-table__cell">
                      <StatusTag status={token.status} />
                    </td>
                    <td className="govuk-table__cell">
                      {token.status === "active" ? (
                        <button
                          type="button"
                          className="govuk-button govuk-button--warning govuk-!-margin-bottom-0 rocu-button--small"
                          onClick={() => {
                            setRevoking(token);
                            setRevoked(null);
                          }}
                        >
                          Revoke<span className="govuk-visually-hidden"> token {token.name}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrapper>
        )
      ) : null}

      <h3 className="govuk-heading-s" id={`${headingId}-create`}>
        Create an API token
      </h3>
      <form onSubmit={create} noValidate aria-labelledby={`${headingId}-create`}>
        <FormErrorSummary errors={errors} />
        <TextInput
          id="token-name"
          label="Token name"
          hint="Say what will use it, for example “Nightly export script”"
          value={name}
          onChange={setName}
          error={errors.fields["token-name"]}
          width="30"
        />
        <Checkboxes
          idPrefix="token-scopes"
          legend="What may the token do?"
          options={SCOPE_OPTIONS}
          values={scopes}
          onChange={setScopes}
          error={errors.fields["token-scopes-read"]}
          small
        />
        <TextInput
          id="token-expiry"
          label="Expires after (days)"
          hint="For example, 90"
          inputMode="numeric"
          width="4"
          value={days}
          onChange={setDays}
          error={errors.fields["token-expiry"]}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
          Create token
        </button>
      </form>
    </section>
  );
}
