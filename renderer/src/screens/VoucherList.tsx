import { Empty, Page } from '../ui/components';

// Placeholder: this screen is being built.
export function VoucherList() {
  return (
    <Page title="VoucherList">
      <Empty>即将提供</Empty>
    </Page>
  );
}
