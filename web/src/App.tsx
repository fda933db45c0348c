import { Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { Layout } from "./components/Layout.tsx";
import { Home } from "./pages/Home.tsx";

// Pages load on demand, so the first visit on a phone stays light.
const Setup = lazy(() => import("./pages/Setup.tsx"));
const Login = lazy(() => import("./pages/Login.tsx"));
const Signup = lazy(() => import("./pages/Signup.tsx"));
const NetworkHome = lazy(() => import("./pages/NetworkHome.tsx"));
const Invitations = lazy(() => import("./pages/Invitations.tsx"));
const InvitationCards = lazy(() => import("./pages/InvitationCards.tsx"));
const NetworkSettings = lazy(() => import("./pages/NetworkSettings.tsx"));
const Members = lazy(() => import("./pages/Members.tsx"));
const Profile = lazy(() => import("./pages/Profile.tsx"));
const MyData = lazy(() => import("./pages/MyData.tsx"));
const AdminNetworks = lazy(() => import("./pages/AdminNetworks.tsx"));
const AnnouncementPage = lazy(() => import("./pages/AnnouncementPage.tsx"));
const Partners = lazy(() => import("./pages/Partners.tsx"));
const Following = lazy(() => import("./pages/Following.tsx"));
const Feed = lazy(() => import("./pages/Feed.tsx"));
const AdminFederation = lazy(() => import("./pages/AdminFederation.tsx"));
const AnimationPage = lazy(() => import("./nav/AnimationPage.tsx"));
const NotFound = lazy(() => import("./pages/NotFound.tsx"));
const Agenda = lazy(() => import("./events/Agenda.tsx"));
const NewEvent = lazy(() => import("./events/NewEvent.tsx"));
const EventPage = lazy(() => import("./events/EventPage.tsx"));
const Participants = lazy(() => import("./events/Participants.tsx"));
const MyEvents = lazy(() => import("./events/MyEvents.tsx"));
const Offers = lazy(() => import("./offers/Offers.tsx"));
const OfferPage = lazy(() => import("./offers/OfferPage.tsx"));
const Notifications = lazy(() => import("./pages/Notifications.tsx"));
const Messages = lazy(() => import("./messages/Messages.tsx"));
const ConversationPage = lazy(() => import("./messages/ConversationPage.tsx"));
const CommonsLibrary = lazy(() => import("./commons/CommonsLibrary.tsx"));
const ResourcePage = lazy(() => import("./commons/ResourcePage.tsx"));
const SharedResourcePage = lazy(() => import("./commons/SharedResourcePage.tsx"));
const ImpactDashboard = lazy(() => import("./impact/Dashboard.tsx"));
const Report = lazy(() => import("./impact/Report.tsx"));
const TaskBoard = lazy(() => import("./tasks/TaskBoard.tsx"));
const Poster = lazy(() => import("./print/Poster.tsx"));
const OffersSheet = lazy(() => import("./print/OffersSheet.tsx"));
const AgendaSheet = lazy(() => import("./print/AgendaSheet.tsx"));
const ModerationQueue = lazy(() => import("./moderation/ModerationQueue.tsx"));
const MyReports = lazy(() => import("./moderation/MyReports.tsx"));
const ForgotPassword = lazy(() => import("./mail/ForgotPassword.tsx"));
const ResetPassword = lazy(() => import("./mail/ResetPassword.tsx"));
const ConfirmEmail = lazy(() => import("./mail/ConfirmEmail.tsx"));
const Unsubscribe = lazy(() => import("./mail/Unsubscribe.tsx"));
const EmailSettings = lazy(() => import("./mail/EmailSettings.tsx"));
const Newsletters = lazy(() => import("./mail/Newsletters.tsx"));
const NewsletterIssue = lazy(() => import("./mail/NewsletterIssue.tsx"));
const NewsletterPrint = lazy(() => import("./mail/NewsletterIssue.tsx").then((m) => ({ default: m.NewsletterPrint })));

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={Home} />
      <Route path="/setup" component={Setup} />
      <Route path="/login" component={Login} />
      <Route path="/login/forgot" component={ForgotPassword} />
      <Route path="/reset/:token?" component={ResetPassword} />
      <Route path="/email/confirm/:token" component={ConfirmEmail} />
      <Route path="/unsubscribe/:token" component={Unsubscribe} />
      <Route path="/me/email" component={EmailSettings} />
      <Route path="/n/:slug/newsletters" component={Newsletters} />
      <Route path="/n/:slug/newsletters/:id" component={NewsletterIssue} />
      <Route path="/n/:slug/newsletters/:id/print" component={NewsletterPrint} />
      <Route path="/invitation/:code" component={Signup} />
      <Route path="/n/:slug" component={NetworkHome} />
      <Route path="/n/:slug/invitations" component={Invitations} />
      <Route path="/n/:slug/invitations/print" component={InvitationCards} />
      <Route path="/n/:slug/members" component={Members} />
      <Route path="/n/:slug/settings" component={NetworkSettings} />
      <Route path="/n/:slug/partners" component={Partners} />
      <Route path="/n/:slug/a/:id" component={AnnouncementPage} />
      <Route path="/n/:slug/animation" component={AnimationPage} />
      <Route path="/n/:slug/moderation" component={ModerationQueue} />
      <Route path="/admin/moderation" component={ModerationQueue} />
      <Route path="/me/reports" component={MyReports} />
      <Route path="/me" component={Profile} />
      <Route path="/me/data" component={MyData} />
      <Route path="/me/following" component={Following} />
      <Route path="/feed" component={Feed} />
      <Route path="/me/notifications" component={Notifications} />
      <Route path="/messages" component={Messages} />
      <Route path="/messages/:id" component={ConversationPage} />
      <Route path="/admin/networks" component={AdminNetworks} />
      <Route path="/admin/federation" component={AdminFederation} />
      <Route path="/n/:slug/agenda" component={Agenda} />
      <Route path="/n/:slug/agenda/new" component={NewEvent} />
      <Route path="/n/:slug/e/:id" component={EventPage} />
      <Route path="/n/:slug/e/:id/participants" component={Participants} />
      <Route path="/me/events" component={MyEvents} />
      <Route path="/n/:slug/offers" component={Offers} />
      <Route path="/n/:slug/o/:id" component={OfferPage} />
      <Route path="/offers/:id" component={OfferPage} />
      <Route path="/n/:slug/commons" component={CommonsLibrary} />
      <Route path="/n/:slug/r/:id" component={ResourcePage} />
      <Route path="/commons/shared" component={SharedResourcePage} />
      <Route path="/n/:slug/impact" component={ImpactDashboard} />
      <Route path="/n/:slug/report/:year?" component={Report} />
      <Route path="/n/:slug/tasks" component={TaskBoard} />
      <Route path="/n/:slug/print/poster" component={Poster} />
      <Route path="/n/:slug/print/offers" component={OffersSheet} />
      <Route path="/n/:slug/print/agenda" component={AgendaSheet} />
      <Route path="*" component={NotFound} />
    </Router>
  );
}
