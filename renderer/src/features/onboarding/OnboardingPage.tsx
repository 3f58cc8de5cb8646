export default function Page() {
  return <p>onboarding/OnboardingPage</p>;
}
