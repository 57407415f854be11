import { lazy, Suspense } from 'react';
import { Loading } from './components/ui.jsx';
import { Projects } from './pages/Projects.jsx';
import { SignUp } from './pages/SignUp.jsx';
import { ForgotPassword } from './pages/ForgotPassword.jsx';
import { ResetPassword } from './pages/ResetPassword.jsx';
import { ConfirmEmail } from './pages/ConfirmEmail.jsx';
import { AcceptInvitation } from './pages/AcceptInvitation.jsx';
import { Team } from './pages/Team.jsx';
import { Tokens } from './pages/Tokens.jsx';
import { NewProject } from './pages/NewProject.jsx';
import { Overview } from './pages/project/Overview.jsx';
import { Schema } from './pages/project/Schema.jsx';
import { Keys } from './pages/project/Keys.jsx';
import { Deployments } from './pages/project/Deployments.jsx';
import { Settings } from './pages/project/Settings.jsx';
import { Audit } from './pages/project/Audit.jsx';
import { Usage } from './pages/project/Usage.jsx';

// GraphiQL brings Monaco (megabytes): it loads only when its page opens.
const GraphiQLLazy = lazy(() => import('./pages/project/GraphiQLPage.jsx').then((m) => ({ default: m.GraphiQLPage })));
function GraphiQLPage(props) {
  return <Suspense fallback={<Loading label="Loading GraphiQL…" />}><GraphiQLLazy {...props} /></Suspense>;
}

/** Pages anyone may open, signed in or not. */
export const publicRoutes = [
  { path: '/signup', component: SignUp },
  { path: '/forgot-password', component: ForgotPassword },
  { path: '/reset-password', component: ResetPassword },
  { path: '/confirm-email', component: ConfirmEmail },
];

/** Pages that need a signed-in user. */
export const routes = [
  { path: '/', component: Projects },
  { path: '/projects', component: Projects },
  { path: '/projects/new', component: NewProject },
  { path: '/team', component: Team },
  { path: '/account/tokens', component: Tokens },
  { path: '/invitations/accept', component: AcceptInvitation },
  { path: '/projects/:projectId', component: Overview },
  { path: '/projects/:projectId/schema', component: Schema },
  { path: '/projects/:projectId/graphiql', component: GraphiQLPage },
  { path: '/projects/:projectId/keys', component: Keys },
  { path: '/projects/:projectId/deployments', component: Deployments },
  { path: '/projects/:projectId/settings', component: Settings },
  { path: '/projects/:projectId/audit', component: Audit },
  { path: '/projects/:projectId/usage', component: Usage },
];
