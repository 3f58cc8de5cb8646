export default function Page() {
  return <p>api-keys/ApiKeysPage</p>;
}
