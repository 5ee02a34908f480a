// The wrong claims an answer made, each with its correction: shown in a drill grade and in a mock report.
import { useI18n } from '../i18n';

export function WrongClaims(props: { claims: { claim: string; correction: string }[]; testId: string }) {
  const { t } = useI18n();
  if (props.claims.length === 0) return null;
  return (
    <div class="claims" data-testid={props.testId}>
      <h4>{t('wrongClaims')}</h4>
      <ul>
        {props.claims.map((claim) => (
          <li key={claim.claim}>
            <strong>✗ {claim.claim}</strong>
            <br />
            {t('correction')}: {claim.correction}
          </li>
        ))}
      </ul>
    </div>
  );
}
