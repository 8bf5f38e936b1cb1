import { PlaceholderPage } from "../../ui/PlaceholderPage";

export function ReportsPage() {
  return <PlaceholderPage title="reports.title" />;
}
