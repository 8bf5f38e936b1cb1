import { PlaceholderPage } from "../../ui/PlaceholderPage";

export function PaymentsPage() {
  return <PlaceholderPage title="payments.title" />;
}
