export default function Page() {
  return <p>docs/ApiExplorerPage</p>;
}
