export default function Page() {
  return <p>configs/ConfigsPage</p>;
}
