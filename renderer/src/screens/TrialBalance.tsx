import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function TrialBalance() {
  return (
    <Page title="TrialBalance">
      <Empty>即将提供</Empty>
    </Page>
  );
}
