import { RouterProvider as AriaRouterProvider, I18nProvider } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useHref, useNavigate, type NavigateOptions } from "react-router";
import { adminRoutes } from "./admin/routes.js";
import { DocumentListPage } from "./documents/DocumentListPage.js";
import { AccountLanguage } from "./i18n/AccountLanguage.js";
import { inviteRoutes } from "./invite/routes.js";
import { LoginPage } from "./session/LoginPage.js";
import { RequireSession } from "./session/RequireSession.js";
import { SessionProvider } from "./session/SessionContext.js";
import { RouteLoading } from "./ui/RouteLoading.js";

declare module "react-aria-components" {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

/**
 * Lets react-aria links and buttons navigate through react-router, gives
 * react-aria the interface language (its direction, arrow keys and dates), and
 * provides the session and the account's language.
 */
function Root() {
  const navigate = useNavigate();
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={i18n.language}>
      <AriaRouterProvider navigate={navigate} useHref={useHref}>
        <SessionProvider>
          <AccountLanguage />
          <Outlet />
        </SessionProvider>
      </AriaRouterProvider>
    </I18nProvider>
  );
}

/** The client-side routes; everything but /login needs a session. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Root />,
      hydrateFallbackElement: <RouteLoading />,
      children: [
        { path: "/login", element: <LoginPage /> },
        ...inviteRoutes,
        // The projector view: a hall screen opens it with a link's key and no session, so it is outside
        // RequireSession; without a key it uses the session there is. Loaded only when opened.
        {
          path: "/documents/:id/screen",
          lazy: async () => ({ Component: (await import("./screen/ScreenPage.js")).ScreenPage }),
        },
        {
          element: <RequireSession />,
          children: [
            { path: "/", element: <DocumentListPage /> },
            // The editor (TipTap, Yjs) loads only when a document is opened.
            {
              path: "/documents/:id",
              lazy: async () => ({ Component: (await import("./editor/DocumentPage.js")).DocumentPage }),
            },
            {
              path: "/documents/:id/revisions/:number",
              lazy: async () => ({ Component: (await import("./compare/RevisionPage.js")).RevisionPage }),
            },
            {
              path: "/documents/:id/compare",
              lazy: async () => ({ Component: (await import("./compare/ComparePage.js")).ComparePage }),
            },
            {
              path: "/documents/:id/proposals",
              lazy: async () => ({ Component: (await import("./proposals/CompilationPage.js")).CompilationPage }),
            },
            ...adminRoutes,
          ],
        },
        { path: "*", element: <Navigate to="/" replace /> },
      ],
    },
  ]);
}

/** The application: one router, created once per mount. */
export function App({ router }: { router: ReturnType<typeof createAppRouter> }) {
  return <RouterProvider router={router} />;
}
