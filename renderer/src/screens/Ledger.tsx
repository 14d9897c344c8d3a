import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Ledger() {
  return (
    <Page title="Ledger">
      <Empty>即将提供</Empty>
    </Page>
  );
}
