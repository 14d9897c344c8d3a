import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function VoucherEntry() {
  return (
    <Page title="VoucherEntry">
      <Empty>即将提供</Empty>
    </Page>
  );
}
