/** What the colours mean: roles (cards) and packet families (moving labels). */
import { t } from '../strings.ts';
import { FAMILY_COLORS, FAMILY_EXAMPLES } from './packetStyle.ts';

const ROLES = ['LEADING', 'FOLLOWING', 'OBSERVING', 'LOOKING', 'DOWN'] as const;

export function Legend() {
  return (
    <div className="legend">
      <div className="legend-group" role="list" aria-label={t.legendRoles}>
        {ROLES.map((r) => (
          <span key={r} role="listitem" className={`legend-role role-${r.toLowerCase()}`}>
            <span className="swatch" aria-hidden="true" />
            {t.roleNames[r]}
          </span>
        ))}
      </div>
      <div className="legend-group" role="list" aria-label={t.legendPackets}>
        {FAMILY_EXAMPLES.map(([family, examples]) => (
          <span key={family} role="listitem" className="legend-packet" title={examples}>
            <span className="pill" style={{ background: FAMILY_COLORS[family] }} aria-hidden="true" />
            {t.packetFamilies[family]}
          </span>
        ))}
        <span role="listitem" className="legend-cut">
          <svg width="22" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="22" y2="5" className="cut-lane" />
            <line x1="9" y1="0" x2="9" y2="10" className="cut-bar" />
            <line x1="13" y1="0" x2="13" y2="10" className="cut-bar" />
          </svg>
          {t.legendCut}
        </span>
      </div>
    </div>
  );
}
