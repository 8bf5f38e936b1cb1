import { PlaceholderPage } from "../../ui/PlaceholderPage";

export function ExpensesPage() {
  return <PlaceholderPage title="expenses.title" />;
}
