export default function Page() {
  return <p>dashboard/DashboardPage</p>;
}
