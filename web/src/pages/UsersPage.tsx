import { Link } from "react-router";
import { api, type User } from "../api.ts";
import {
  Breadcrumbs,
  LoadError,
  Loading,
  Select,
  TableWrapper,
  Tag,
  TextInput,
} from "../components/govuk.tsx";
import {
  EmptyList,
  FilterActions,
  ListCount,
  ListPagination,
  SortCaption,
  SortHeader,
  useListFilters,
} from "../components/listing.tsx";
import { ROLE_OPTIONS } from "../components/UserFields.tsx";
import { formatDate, roleLabel } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const PAGE_SIZE = 25;
const FILTERS = ["q", "role", "status"] as const;

type SortKey = "name" | "email" | "createdAt";

const SORT_WORDS: Record<string, string> = { name: "name", email: "email", createdAt: "date created" };

export function UserStatusTag({ user }: { user: Pick<User, "disabled"> }) {
  return user.disabled ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag>;
}

export function UsersPage() {
  useTitle("Users", "Admin");
  const { can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: "name", pageSize: PAGE_SIZE });
  const { draft, setDraft, sort, hrefWith, filtered } = listing;

  const users = useAsync(() => api.users(listing.query), [listing.queryKey]);

  const data = users.data;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/admin", text: "Admin" },
        ]}
      />
      <div className="rocu-heading-row">
        <h1 className="govuk-heading-l">Users</h1>
        {can("users.manage") ? (
          <Link to="/admin/users/new" className="govuk-button" data-module="govuk-button">
            Create user
          </Link>
        ) : null}
      </div>

      <search className="rocu-filters" aria-label="Filter users">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Name or email"
              value={draft.q}
              onChange={(value) => setDraft({ ...draft, q: value })}
              spellCheck={false}
            />
            <Select
              id="filter-role"
              label="Role"
              value={draft.role}
              onChange={(value) => setDraft({ ...draft, role: value })}
              placeholder="Any role"
              options={ROLE_OPTIONS}
            />
            <Select
              id="filter-status"
              label="Status"
              value={draft.status}
              onChange={(value) => setDraft({ ...draft, status: value })}
              placeholder="Any status"
              options={[
                { value: "active", label: "Active" },
                { value: "disabled", label: "Disabled" },
              ]}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {users.error ? <LoadError error={users.error} retry={users.reload} /> : null}
      {users.loading && !data ? <Loading what="Loading users" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="users-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="users"
            title="There are no users yet"
          >
            <p className="govuk-body">
              This list shows everyone who can sign in to ROCU Hub.
              {can("users.manage") ? (
                <>
                  {" "}
                  <Link className="govuk-link" to="/admin/users/new">
                    Create the first user
                  </Link>
                  .
                </>
              ) : null}
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="user" filtered={filtered} testId="users-count" />
            <TableWrapper label="Users">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={users.loading}>
                <SortCaption what="Users" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="name" sort={sort} hrefWith={hrefWith}>
                      Name
                    </SortHeader>
                    <SortHeader<SortKey> field="email" sort={sort} hrefWith={hrefWith}>
                      Email
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Organisation
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Roles
                    </th>
                    <SortHeader<SortKey> field="createdAt" sort={sort} hrefWith={hrefWith}>
                      Created
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((user) => (
                    <tr className="govuk-table__row" key={user.id}>
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={`/admin/users/${encodeURIComponent(user.id)}`}>
                          {user.name}
                        </Link>
                      </td>
                      <td data-label="Email" className="govuk-table__cell rocu-break">
                        {user.email}
                      </td>
                      <td data-label="Organisation" className="govuk-table__cell">
                        {user.organisation.name}
                      </td>
                      <td data-label="Roles" className="govuk-table__cell">
                        {user.roles.map(roleLabel).join(", ")}
                      </td>
                      <td data-label="Created" className="govuk-table__cell rocu-nowrap">
                        {formatDate(user.createdAt)}
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <UserStatusTag user={user} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="users" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
