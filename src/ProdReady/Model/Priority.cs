namespace ProdReady.Model;

/// <summary>How much a control matters before production: P0 blocks a launch, P3 is polish.</summary>
public enum Priority
{
    P0 = 0,
    P1 = 1,
    P2 = 2,
    P3 = 3,
}
