// The routes: each composes features; features never import each other.
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from '@/components/layout';
import { CoordinatorRoute } from './routes/coordinator';
import { HomeRoute } from './routes/home';
import { LoginRoute } from './routes/login';
import { MyPageRoute } from './routes/my-page';
import { NotFoundRoute } from './routes/not-found';
import { SignUpRoute, WelcomeRoute } from './routes/signup';

export function AppRoutes() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<HomeRoute />} />
        <Route path="/login" element={<LoginRoute />} />
        <Route path="/programmes/:programmeId/signup" element={<SignUpRoute />} />
        <Route path="/welcome" element={<WelcomeRoute />} />
        <Route path="/me" element={<MyPageRoute />} />
        <Route path="/coordinator" element={<CoordinatorRoute />} />
        <Route path="/coordinator/:programmeId" element={<CoordinatorRoute />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Routes>
    </Layout>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
