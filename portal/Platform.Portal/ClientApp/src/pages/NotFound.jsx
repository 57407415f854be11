import { Link, PageTitle } from '../components/ui.jsx';

export function NotFound() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>There is nothing at this address. <Link to="/projects">Go to your projects</Link>.</p>
    </>
  );
}
