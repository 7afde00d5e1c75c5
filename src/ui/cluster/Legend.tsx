/** What the colours mean: roles (cards) and packet families or protocol phases (moving labels). */
import { selectProtocol, useLabStore } from '../../store/index.ts';
import { t, tr } from '../strings.ts';
import { paletteOf } from './packetPalette.ts';

const ZK_ROLES = ['LEADING', 'FOLLOWING', 'OBSERVING', 'LOOKING', 'DOWN'] as const;

/** ZooKeeper's roles are styled by class (role-leading …); other protocols' by their description's colours. */
function Roles() {
  const protocol = useLabStore(selectProtocol);
  if (protocol.hasZkCli) {
    return (
      <>
        {ZK_ROLES.map((r) => (
          <span key={r} role="listitem" className={`legend-role role-${r.toLowerCase()}`}>
            <span className="swatch" aria-hidden="true" />
            {t.roleNames[r]}
          </span>
        ))}
      </>
    );
  }
  return (
    <>
      {protocol.roles.map((r) => (
        <span
          key={r.id}
          role="listitem"
          className="legend-role"
          data-role={r.id}
          style={{ '--role': r.colour, '--role-bg': `color-mix(in srgb, ${r.colour} 9%, white)` } as React.CSSProperties}
        >
          <span className="swatch" aria-hidden="true" />
          {tr(r.key)}
        </span>
      ))}
      <span role="listitem" className="legend-role role-down">
        <span className="swatch" aria-hidden="true" />
        {t.roleNames.DOWN}
      </span>
    </>
  );
}

export function Legend() {
  const protocol = useLabStore(selectProtocol);
  const palette = paletteOf(protocol);
  return (
    <div className="legend">
      <div className="legend-group" role="list" aria-label={t.legendRoles}>
        <Roles />
      </div>
      <div className="legend-group" role="list" aria-label={t.legendPackets}>
        {palette.groups.map((g) => (
          <span key={g.id} role="listitem" className="legend-packet" title={g.examples} data-phase={g.id}>
            <span className="pill" style={{ background: g.colour }} aria-hidden="true" />
            {g.label()}
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
