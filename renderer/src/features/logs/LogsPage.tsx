export default function Page() {
  return <p>logs/LogsPage</p>;
}
