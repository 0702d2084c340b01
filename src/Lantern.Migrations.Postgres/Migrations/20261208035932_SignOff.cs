using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lantern.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReturnedTo",
                table: "Referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignOffDueBy",
                table: "Referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReferralHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralHistory_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReturnedTo",
                table: "Referrals",
                column: "ReturnedTo");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_SignOffDueBy",
                table: "Referrals",
                columns: new[] { "Status", "SignOffDueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralHistory_ReferralId",
                table: "ReferralHistory",
                column: "ReferralId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferralHistory");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ReturnedTo",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_SignOffDueBy",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ReturnedTo",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "SignOffDueBy",
                table: "Referrals");
        }
    }
}
