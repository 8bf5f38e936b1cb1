import { PlaceholderPage } from "../../ui/PlaceholderPage";

export function LeadsPage() {
  return <PlaceholderPage title="leads.title" />;
}
