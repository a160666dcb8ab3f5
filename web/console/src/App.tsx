import { lazy } from 'react';
import { Admin, CustomRoutes, localStorageStore, Resource } from 'react-admin';
import { BrowserRouter, Route } from 'react-router-dom';
import { authProvider } from './api/auth-provider.ts';
import { dataProvider } from './api/data-provider.ts';
import { loadResourceMeta, rememberResources } from './api/resource-meta.ts';
import type { Session } from './api/session.ts';
import { RefundPlacesContext } from './extensions/payments/refund-places.ts';
import { ConsoleLayout } from './layout/ConsoleLayout.tsx';
import { Dashboard } from './layout/Dashboard.tsx';
import { NoAccessPage } from './layout/NoAccessPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { i18nProvider } from './registry/i18n-provider.ts';
import { consolePagesFor, refundPlaces } from './registry/registry.ts';
import { darkTheme, lightTheme } from './theme.ts';

const ResourceList = lazy(() => import('./resources/ResourceList.tsx'));
const ResourceShow = lazy(() => import('./resources/ResourceShow.tsx'));
const ResourceCreate = lazy(() =>
  import('./resources/ResourceForm.tsx').then((m) => ({ default: m.ResourceCreate })),
);
const ResourceEdit = lazy(() =>
  import('./resources/ResourceForm.tsx').then((m) => ({ default: m.ResourceEdit })),
);
const UserList = lazy(() => import('./pages/users/UserList.tsx'));
const UserCreate = lazy(() => import('./pages/users/UserCreate.tsx'));
const UserEdit = lazy(() => import('./pages/users/UserEdit.tsx'));
const TokenList = lazy(() => import('./pages/tokens/TokenList.tsx'));
const JobList = lazy(() => import('./pages/jobs/JobList.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const NotificationList = lazy(() => import('./pages/notifications/NotificationList.tsx'));
const NotificationShow = lazy(() => import('./pages/notifications/NotificationShow.tsx'));
const SettingsPage = lazy(() => import('./pages/SettingsPage.tsx'));
const PasswordPage = lazy(() => import('./pages/PasswordPage.tsx'));

const store = localStorageStore('1', 'opsdesk-console');
/** The same for every session: which record pages refund which purposes (their panels say). */
const places = refundPlaces();

/** Resources and routes the session may use; generic resources come from `GET /api/resources`. */
async function screensFor(session: Session | null) {
  const has = (p: string) => !!session?.permissions.includes(p);
  const scannerOnly = session?.role === 'scanner';
  const resources = session && !scannerOnly ? await loadResourceMeta() : [];
  rememberResources(resources);
  return (
    <>
      {resources.map((r) => (
        <Resource
          key={r.name}
          name={r.name}
          list={ResourceList}
          show={ResourceShow}
          create={r.form?.creatable ? ResourceCreate : undefined}
          edit={r.form?.editable ? ResourceEdit : undefined}
          recordRepresentation={r.titleColumn ?? undefined}
          options={{ label: r.label }}
        />
      ))}
      {has('platform.user.read') && (
        <Resource
          name="users"
          list={UserList}
          create={has('platform.user.manage') ? UserCreate : undefined}
          edit={has('platform.user.manage') ? UserEdit : undefined}
          options={{ label: 'od.menu.users' }}
          recordRepresentation="name"
        />
      )}
      {has('platform.token.manage') && (
        <Resource name="tokens" list={TokenList} options={{ label: 'od.menu.tokens' }} />
      )}
      {has('notifications.message.read') && (
        <Resource
          name="notifications"
          list={NotificationList}
          show={NotificationShow}
          options={{ label: 'od.menu.notifications' }}
        />
      )}
      {has('platform.job.read') && (
        <Resource name="jobs" list={JobList} options={{ label: 'od.menu.jobs' }} />
      )}
      <CustomRoutes>
        <Route path="/account/password" element={<PasswordPage />} />
        {has('platform.audit.read') && <Route path="/audit" element={<AuditPage />} />}
        {has('platform.settings.read') && <Route path="/settings" element={<SettingsPage />} />}
        {consolePagesFor(session).map((page) => (
          <Route key={page.path} path={page.path} element={<page.component />} />
        ))}
      </CustomRoutes>
    </>
  );
}

/** The Opsdesk staff console. */
export function App() {
  return (
    // Real paths (not react-admin's default hash router), so `/console/users/42` is a deep link.
    <BrowserRouter basename="/console">
      <RefundPlacesContext.Provider value={places}>
        <Admin
          title="Opsdesk"
          dataProvider={dataProvider}
          authProvider={authProvider}
          i18nProvider={i18nProvider}
          store={store}
          layout={ConsoleLayout}
          loginPage={LoginPage}
          dashboard={Dashboard}
          theme={lightTheme}
          darkTheme={darkTheme}
          catchAll={NoAccessPage}
          requireAuth
          disableTelemetry
        >
          {screensFor}
        </Admin>
      </RefundPlacesContext.Provider>
    </BrowserRouter>
  );
}
