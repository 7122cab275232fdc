using System;
using System.Collections.Generic;

namespace Circuits.Compiler
{
    /// <summary>How one conjunct of a selector is realised in a head's scores.</summary>
    internal enum GroupKind
    {
        /// <summary>Exact match between codes of keys and queries over a shared domain.</summary>
        Equal,
        /// <summary>An arbitrary predicate table over one-hot keys and queries.</summary>
        Table,
    }

    /// <summary>One conjunct over one (keys, queries) pair.</summary>
    internal sealed class SelectGroup
    {
        public GroupKind Kind;
        public SOp Keys = null!;
        public SOp Queries = null!;
        public Func<double, double, bool> Holds = null!;
        public string Label = "";
    }

    /// <summary>A selector normalised into score terms: conjuncts, a mask, a tie-break.</summary>
    internal sealed class SelectorPlan
    {
        public Selector Selector = null!;
        public List<SelectGroup> Groups = new List<SelectGroup>();
        public AttentionMask Mask;
        public TieBreak TieBreak;
        /// <summary>Provably selects at most one key per query.</summary>
        public bool AtMostOne;
        /// <summary>Upper bound on the number of selected keys.</summary>
        public int MaxWidth;
        public string Label = "";
    }
}
