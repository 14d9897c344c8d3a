import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function Accounts() {
  return (
    <Page title="Accounts">
      <Empty>即将提供</Empty>
    </Page>
  );
}
