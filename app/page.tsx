import { AxiomProvider } from '@/lib/axiom-provider';
import { Dashboard } from '@/components/layout/dashboard';

/** The dashboard. A server component shell; everything live is in client components. */
export default function Page() {
  return (
    <AxiomProvider>
      <Dashboard />
    </AxiomProvider>
  );
}
