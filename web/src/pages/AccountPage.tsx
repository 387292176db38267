import { useState } from "react";
import { ChangePasswordForm } from "../components/ChangePasswordForm.tsx";
import { Breadcrumbs, SuccessBanner, SummaryList, Tag } from "../components/govuk.tsx";
import { TokensSection } from "../components/TokensSection.tsx";
import { kindLabel, roleLabel, scopeLabel } from "../format.ts";
import { useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

export function AccountPage() {
  useTitle("My account");
  const { me } = useSession();
  const [changed, setChanged] = useState(false);
  if (!me) return null;
  return (
    <>
      <Breadcrumbs items={[{ to: "/", text: "Home" }]} />
      <h1 className="govuk-heading-l">My account</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Your details</h2>
          <SummaryList
            rows={[
              { key: "Name", value: me.name },
              { key: "Email", value: me.email },
              {
                key: "Organisation",
                value: (
                  <>
                    {me.organisation.name}
                    <br />
                    <span className="govuk-hint govuk-!-margin-bottom-0">
                      {kindLabel(me.organisation.kind)}
                    </span>
                  </>
                ),
              },
              { key: "Roles", value: me.roles.map(roleLabel).join(", ") },
              { key: "Scope", value: scopeLabel(me.scope, true) },
              { key: "Clearance", value: <Tag colour="blue">{me.clearance}</Tag> },
            ]}
          />
          <p className="govuk-body">Ask an administrator if any of these details are wrong.</p>

          <section aria-labelledby="password-heading" className="rocu-section">
            <h2 className="govuk-heading-m" id="password-heading">
              Change your password
            </h2>
            {changed ? (
              <SuccessBanner>
                <p className="govuk-notification-banner__heading">Your password has been changed.</p>
              </SuccessBanner>
            ) : null}
            <ChangePasswordForm headingLevel="h2" onChanged={() => setChanged(true)} />
          </section>
        </div>
      </div>
      <TokensSection />
    </>
  );
}
